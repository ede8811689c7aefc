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
 * however large the body, the byte count checked against what the source announced. Any failure
 * aborts the upload, so no partial object is ever visible.
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

    /** @return the bytes stored */
    public long copy(InputStream body, long expectedLength, String key, String contentType) throws IOException {
        return copy(body, expectedLength, key, contentType, "recording");
    }

    /** @param kind the object's kind tag: what the bucket's lifecycle rules select on */
    public long copy(InputStream body, long expectedLength, String key, String contentType, String kind)
            throws IOException {
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
                        .contentLength((long) filled), RequestBody.fromInputStream(new java.io.ByteArrayInputStream(buffer, 0, filled), filled)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += filled;
                if (filled < buffer.length) {
                    break;
                }
            }
            if (expectedLength >= 0 && total != expectedLength) {
                throw new IOException("got " + total + " bytes of " + expectedLength);
            }
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
}
