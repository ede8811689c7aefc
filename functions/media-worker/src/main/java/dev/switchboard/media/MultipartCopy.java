package dev.switchboard.media;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams a body into one S3 object with a multipart upload: one part in memory at a time,
 * however large the body, and the byte count checked before the upload completes. Any failure (the
 * body's, the check's, S3's) aborts the upload, so no partial or unverified object is ever visible.
 */
public final class MultipartCopy {
    /** 8 MiB parts: above S3's 5 MiB minimum, and what the heap holds of a copy at once. */
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final Optional<String> kmsKeyId;

    /** @param kmsKeyId the deployment's KMS key for SSE-KMS; empty for S3-managed keys (locally) */
    public MultipartCopy(S3Client s3, String bucket, Optional<String> kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
    }

    /** Checks a copy's byte count before its object becomes visible; throwing aborts the upload. */
    @FunctionalInterface
    public interface Check {
        void verify(long bytes) throws IOException;
    }

    /**
     * @param kind  the object's kind tag: what the bucket's lifecycle rules select on
     * @param check run on the byte count once the body has ended, before the upload completes
     * @return the bytes stored
     */
    public long copy(InputStream body, String key, String contentType, String kind, Check check) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> {
            // Tagged for the bucket's lifecycle rules (recordings: template parameter RecordingRetentionDays).
            b.bucket(bucket).key(key).contentType(contentType).tagging("kind=" + kind);
            kmsKeyId.ifPresentOrElse(k -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(k),
                    () -> b.serverSideEncryption(ServerSideEncryption.AES256));
        }).uploadId();
        try (body) {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            byte[] buffer = new byte[PART_BYTES];
            while (true) {
                int filled = body.readNBytes(buffer, 0, buffer.length);
                if (filled == 0 && !parts.isEmpty()) {
                    break;
                }
                int number = parts.size() + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) filled), RequestBody.fromInputStream(
                                new java.io.ByteArrayInputStream(buffer, 0, filled), filled)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += filled;
                if (filled < buffer.length) {
                    break;
                }
            }
            check.verify(total);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /** Removes an object a copy made that no longer counts (its recording was deleted meanwhile). */
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
}
