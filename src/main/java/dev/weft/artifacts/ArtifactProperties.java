package dev.weft.artifacts;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code weft.artifacts.*}: where artifact bytes go and when step outputs become artifacts.
 *
 * @param store             {@code local} (files under {@code weft.data-dir}, the default) or {@code s3}
 * @param maxBytes          the largest artifact accepted
 * @param inlineOutputLimit a step output (or recorded input) whose JSON is larger is stored as an
 *                          artifact and replaced by a {@code {"$artifact": {...}}} reference
 * @param s3                the S3-compatible store, when {@code store=s3}
 */
@ConfigurationProperties("weft.artifacts")
public record ArtifactProperties(@DefaultValue("local") String store,
                                 @DefaultValue("50MB") DataSize maxBytes,
                                 @DefaultValue("256KB") DataSize inlineOutputLimit,
                                 @DefaultValue S3 s3) {

    /**
     * @param endpoint     the service URL (MinIO, Ceph, s3rver...); unset for AWS itself
     * @param region       signing region; any value for most S3-compatible servers
     * @param bucket       the bucket artifacts go to (required)
     * @param prefix       prepended to every object key, e.g. {@code weft/}
     * @param accessKey    static credentials; when unset, the AWS default chain (environment, profile, role)
     * @param secretKey    static credentials
     * @param pathStyle    {@code https://host/bucket/key} addressing, which S3-compatible servers expect
     * @param createBucket create the bucket at startup when it does not exist
     */
    public record S3(URI endpoint, @DefaultValue("us-east-1") String region, String bucket,
                     @DefaultValue("") String prefix, String accessKey, String secretKey,
                     @DefaultValue("true") boolean pathStyle, @DefaultValue("false") boolean createBucket) {}
}
