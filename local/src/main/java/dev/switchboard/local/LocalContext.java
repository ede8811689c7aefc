package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Lambda context a function sees when the local stack calls it: a request id and an X-Ray
 * trace header of its own for each invocation, as Lambda gives them (no trace is sent anywhere).
 */
record LocalContext(String functionName, String awsRequestId, String xrayTraceHeader, long deadlineMillis)
        implements Context {

    static LocalContext forInvocation(String functionName, int timeoutSeconds) {
        long now = System.currentTimeMillis();
        String root = "1-" + Long.toHexString(now / 1000) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String parent = String.format("%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong());
        return new LocalContext(functionName, UUID.randomUUID().toString(),
                "Root=" + root + ";Parent=" + parent + ";Sampled=0", now + timeoutSeconds * 1000L);
    }

    @Override
    public String getXrayTraceId() {
        return xrayTraceHeader;
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + Emulators.REGION + ":" + Emulators.ACCOUNT_ID + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
