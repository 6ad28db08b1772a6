package dev.weft.definition;

import dev.weft.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The predefined workflows every app can run by slug ({@code classpath:workflows/*.json}). Each is
 * version 1 and immutable; their slugs are reserved.
 */
public final class BuiltInWorkflows {

    private static final Instant SHIPPED = Instant.parse("2026-11-29T00:00:00Z");

    private final Map<String, StoredDefinition> bySlug = new TreeMap<>();

    public BuiltInWorkflows() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:workflows/*.json");
            for (Resource r : resources) {
                try (InputStream in = r.getInputStream()) {
                    var doc = Json.MAPPER.readTree(in);
                    String slug = doc.get("slug").asString();
                    bySlug.put(slug, new StoredDefinition(slug, 1, doc, SHIPPED, true));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load built-in workflows", e);
        }
    }

    public Optional<StoredDefinition> find(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public boolean isBuiltIn(String slug) {
        return bySlug.containsKey(slug);
    }

    public List<StoredDefinition> all() {
        return List.copyOf(bySlug.values());
    }
}
