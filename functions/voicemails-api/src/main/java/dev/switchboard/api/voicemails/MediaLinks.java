package dev.switchboard.api.voicemails;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/** The stored media of a tenant: short-lived playback links, and deletion. */
public final class MediaLinks {
    /** The longest a playback link lives. */
    static final Duration LINK_LIFETIME = Duration.ofMinutes(15);

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
