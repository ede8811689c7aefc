package dev.switchboard.shared.media;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/**
 * A tenant's stored media in the deployment's bucket: short-lived playback links, and deletion.
 * Built only by the functions that touch media ({@code S3Clients}), which carry the S3 client (an
 * optional dependency of shared).
 */
public final class MediaLinks {
    /** The longest a playback link lives. */
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(15);

    private final S3Presigner presigner;
    private final S3Client s3;
    private final String bucket;

    public MediaLinks(S3Presigner presigner, S3Client s3, String bucket) {
        this.presigner = presigner;
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String playback(String key) {
        return presigner.presignGetObject(b -> b.signatureDuration(LINK_LIFETIME)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
}
