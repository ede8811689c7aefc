package dev.switchboard.local;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * S3 failing on demand, for every S3 client of this JVM (registered with the SDK's global
 * interceptors): the next UploadParts fail as a dropped connection would, after the multipart
 * upload has begun.
 */
public final class S3Faults implements ExecutionInterceptor {
    private static final AtomicInteger FAIL_UPLOAD_PARTS = new AtomicInteger();

    static void failNextUploadParts(int count) {
        FAIL_UPLOAD_PARTS.set(count);
    }

    /** How many of the failures asked for are still to come. */
    static int pending() {
        return FAIL_UPLOAD_PARTS.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if ("UploadPart".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && FAIL_UPLOAD_PARTS.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw SdkClientException.create("connection reset while uploading a part (injected)");
        }
    }
}
