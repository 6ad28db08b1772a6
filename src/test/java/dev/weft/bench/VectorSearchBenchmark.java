package dev.weft.bench;

import dev.weft.vector.JdbcVectorIndex;
import dev.weft.vector.Vectors;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Query latency of the exact vector index ({@link JdbcVectorIndex}, the fallback when pgvector is
 * absent) at 10k and 100k random 384-dimensional unit vectors (fixed seed), top-10, without and
 * with a metadata filter matching half the documents. Prints figures; asserts nothing. Not part of
 * the suite (its name does not end in Test); run it with
 * {@code ./mvnw test -Dtest=VectorSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class VectorSearchBenchmark {

    private static final int DIMENSIONS = 384;
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @Test
    void exactSearchLatency() {
        Random random = new Random(20_240_601L);
        System.out.printf("exact-in-memory, %d dims, top-10, %d cores, %s%n", DIMENSIONS,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        for (int n : new int[] {10_000, 100_000}) {
            JdbcClient jdbc = database(n, random);
            JdbcVectorIndex index = new JdbcVectorIndex(jdbc, Clock.systemUTC());
            long load = System.nanoTime();
            index.query("bench", "docs", unit(random), 10, null);
            double loadMs = (System.nanoTime() - load) / 1e6;
            int queries = n <= 10_000 ? 2_000 : 400;
            measure(index, random, queries / 2, null); // warm-up (JIT)
            double[] plain = measure(index, random, queries, null);
            double[] filtered = measure(index, random, queries, dev.weft.common.Json.parse("{\"half\": true}"));
            System.out.printf("n=%,d  first query (load from DB) %.0f ms | no filter p50 %.2f ms p99 %.2f ms | "
                    + "filter (50%%) p50 %.2f ms p99 %.2f ms%n", n, loadMs, plain[0], plain[1], filtered[0], filtered[1]);
        }
    }

    private static double[] measure(JdbcVectorIndex index, Random random, int queries, tools.jackson.databind.JsonNode filter) {
        double[] millis = new double[queries];
        for (int i = 0; i < queries; i++) {
            float[] q = unit(random);
            long start = System.nanoTime();
            index.query("bench", "docs", q, 10, filter);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] {millis[queries / 2], millis[(int) Math.ceil(queries * 0.99) - 1]};
    }

    private static JdbcClient database(int n, Random random) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate template = new JdbcTemplate(ds);
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new Object[] {"bench", "docs", "doc-" + i, Vectors.encode(unit(random)), DIMENSIONS,
                    "{\"half\": " + (i % 2 == 0) + "}", NOW, NOW});
            if (batch.size() == 2_000 || i == n - 1) {
                template.batchUpdate("INSERT INTO vector_documents (app_id, collection, doc_id, embedding, dimensions, "
                        + "metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch);
                batch.clear();
            }
        }
        return JdbcClient.create(ds);
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }
}
