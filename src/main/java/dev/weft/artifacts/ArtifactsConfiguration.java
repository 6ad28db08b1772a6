package dev.weft.artifacts;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Chooses the artifact store by {@code weft.artifacts.store}: {@code local} (default) or {@code s3}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArtifactProperties.class)
public class ArtifactsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "weft.artifacts.store", havingValue = "local", matchIfMissing = true)
    LocalDiskArtifactStore localDiskArtifactStore(JdbcClient jdbc, ObjectProvider<Clock> clock,
                                                  @Value("${weft.data-dir:./data}") String dataDir,
                                                  ArtifactProperties properties) {
        return new LocalDiskArtifactStore(jdbc, clock.getIfAvailable(Clock::systemUTC),
                Path.of(dataDir).resolve("artifacts"), properties.maxBytes().toBytes());
    }

    /** Closed by the context at shutdown (its {@code close} is inferred as the destroy method). */
    @Bean
    @ConditionalOnProperty(name = "weft.artifacts.store", havingValue = "s3")
    S3Client artifactsS3Client(ArtifactProperties properties) {
        return client(properties.s3());
    }

    @Bean
    @ConditionalOnProperty(name = "weft.artifacts.store", havingValue = "s3")
    S3ArtifactStore s3ArtifactStore(JdbcClient jdbc, ObjectProvider<Clock> clock, ArtifactProperties properties,
                                    S3Client artifactsS3Client) {
        ArtifactProperties.S3 s3 = properties.s3();
        S3ArtifactStore store = new S3ArtifactStore(jdbc, clock.getIfAvailable(Clock::systemUTC),
                properties.maxBytes().toBytes(), artifactsS3Client, s3.bucket(), s3.prefix());
        if (s3.createBucket()) {
            store.createBucketIfAbsent();
        }
        return store;
    }

    @Bean
    LargeOutputs largeOutputs(ArtifactStore store, ArtifactProperties properties) {
        return new LargeOutputs(store, properties.inlineOutputLimit().toBytes());
    }

    public static S3Client client(ArtifactProperties.S3 s3) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(s3.region()))
                // Path-style for S3-compatible servers; no aws-chunked uploads, which plain-HTTP
                // endpoints would otherwise get and several S3-compatible servers store verbatim.
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle())
                        .chunkedEncodingEnabled(false).build())
                // Checksums only where S3 requires them: many S3-compatible servers reject the SDK's
                // default aws-chunked uploads with trailing checksums; SHA-256 is kept in our table anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        if (s3.accessKey() != null && !s3.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
