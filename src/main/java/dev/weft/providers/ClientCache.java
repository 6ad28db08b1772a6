package dev.weft.providers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * SDK clients kept per {@link ProviderCredentials}, so that per-app keys do not build a client per
 * call. The key is the whole credentials record (key, base URL and whether the operator configured
 * it): everything that goes into a client, so one app's client is never handed to another. An
 * evicted client is closed.
 */
public final class ClientCache<C> {

    private static final int MAX_CLIENTS = 64;

    private final Cache<ProviderCredentials, C> clients;
    private final Function<ProviderCredentials, C> build;

    /** @param close releases an evicted client's resources */
    public ClientCache(Function<ProviderCredentials, C> build, Consumer<C> close) {
        this.build = build;
        this.clients = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .<ProviderCredentials, C>removalListener((credentials, client, cause) -> {
                    if (client != null) {
                        close.accept(client);
                    }
                })
                .build();
    }

    public C client(ProviderCredentials credentials) {
        return clients.get(credentials, build);
    }
}
