package dev.weft.artifacts;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Artifacts on an S3-compatible object store (the distributed mode's store, {@code weft.artifacts.store=s3}),
 * with their metadata in the {@code artifacts} table like the local store. The object key is the
 * configured prefix plus {@code <appId>/<aa>/<artifactId>}. The object is written before the row,
 * so a row always points at a complete object; S3 PUTs are atomic, so there is no half-written state.
 * Transport failures surface as {@link UncheckedIOException}, which step handlers treat as retryable.
 */
public class S3ArtifactStore extends RowBackedArtifactStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3ArtifactStore(JdbcClient jdbc, Clock clock, long maxBytes, S3Client s3, String bucket, String prefix) {
        super(jdbc, clock, maxBytes);
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("weft.artifacts.s3.bucket must be set when weft.artifacts.store=s3");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    /** Creates the bucket unless it exists (for development servers; production buckets are provisioned). */
    public void createBucketIfAbsent() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    protected String keyOf(Artifact artifact) {
        return objectKey(artifact);
    }

    @Override
    protected void writeBytes(String key, Artifact artifact, byte[] bytes) {
        try {
            s3.putObject(p -> p.bucket(bucket).key(key).contentType(artifact.contentType())
                            .contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new UncheckedIOException("could not store artifact " + artifact.id() + " in bucket " + bucket,
                    new IOException(e.getMessage(), e));
        }
    }




    @Override
    protected void deleteBytes(String key) {
        try {
            s3.deleteObject(d -> d.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new UncheckedIOException("could not delete artifact " + key + " from bucket " + bucket,
                    new IOException(e.getMessage(), e));
        }
    }

    @Override
    public byte[] read(Artifact artifact) {
        try (InputStream in = open(artifact)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read artifact " + artifact.id(), e);
        }
    }

    @Override
    public InputStream open(Artifact artifact) {
        try {
            return s3.getObject(g -> g.bucket(bucket).key(objectKey(artifact)));
        } catch (SdkException e) {
            throw new UncheckedIOException("could not read artifact " + artifact.id() + " from bucket " + bucket,
                    new IOException(e.getMessage(), e));
        }
    }

    private String objectKey(Artifact artifact) {
        return prefix + DiskLayout.key(artifact.appId(), artifact.id());
    }
}
