package dev.weft.outbound;

import dev.weft.outbound.OutboundException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The transports the AI provider SDKs send through, so that a provider base URL (which an app can
 * set) is held to the same {@link OutboundPolicy} as a webhook: the URL is checked, the host is
 * resolved and checked in the same step the connection uses (no rebinding window), the address
 * actually connected to is checked again, no system proxy is used, and redirects are refused
 * rather than followed (a provider API has no reason to redirect, and following one would turn a
 * POST with the key into a request to wherever the answer points).
 *
 * <p>A base URL from the server's own configuration is trusted: its host is allowed even when it
 * is internal (an Ollama on localhost), though a redirect from it is still refused.
 *
 * <p>OkHttp (OpenAI and Anthropic SDKs, through Spring AI's clients) gets an application
 * interceptor that sends the request on a client of this class and ends the chain there; Spring's
 * {@link RestClient} (Ollama) gets a request factory on a policy-bound Apache client and an
 * interceptor. Connection pools are shared by every SDK client of one trust.
 */
public final class ProviderHttp implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OutboundPolicy policy;
    private final OkHttpClient okHttpBase;
    private final Map<String, OkHttpClient> okHttpByTrust = new ConcurrentHashMap<>();
    private final Map<String, CloseableHttpClient> apacheByTrust = new ConcurrentHashMap<>();

    public ProviderHttp(OutboundPolicy policy) {
        this.policy = policy;
        this.okHttpBase = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * An OkHttp application interceptor for an SDK client: it sends each request itself, under the
     * policy, and never calls on, so the SDK's own connection settings are not used.
     *
     * @param trustedBaseUrl the operator-configured base URL whose host is allowed, or null when the
     *                       base URL came from an app (or is a public default)
     */
    public Interceptor okHttpInterceptor(String trustedBaseUrl) {
        OutboundPolicy effective = effective(trustedBaseUrl);
        OkHttpClient client = okHttpByTrust.computeIfAbsent(trustKey(trustedBaseUrl), k -> okHttpBase.newBuilder()
                .dns(new PolicyDns(effective))
                .addNetworkInterceptor(chain -> {
                    checkConnected(effective, chain.request().url().host(), chain.connection() == null ? null
                            : chain.connection().route().socketAddress());
                    return chain.proceed(chain.request());
                })
                .build());
        return chain -> {
            URI uri = chain.request().url().uri();
            check(effective, uri);
            Call call = client.newBuilder()
                    .connectTimeout(chain.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(chain.readTimeoutMillis(), TimeUnit.MILLISECONDS)
                    .writeTimeout(chain.writeTimeoutMillis(), TimeUnit.MILLISECONDS)
                    .callTimeout(chain.call().timeout().timeoutNanos(), TimeUnit.NANOSECONDS)
                    .build()
                    .newCall(chain.request());
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                throw refusalOr(e);
            }
            if (response.isRedirect()) {
                String location = response.header("Location");
                response.close();
                throw redirectRefused(uri, response.code(), location);
            }
            return response;
        };
    }

    /**
     * A RestClient builder whose requests go through the policy: an Apache client that resolves
     * with the policy and follows no redirect, a check of each URL, and a redirect answered with an
     * error.
     */
    public RestClient.Builder restClient(String trustedBaseUrl, Duration readTimeout) {
        OutboundPolicy effective = effective(trustedBaseUrl);
        CloseableHttpClient client = apacheByTrust.computeIfAbsent(trustKey(trustedBaseUrl), k -> HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyDnsResolver(effective))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                .build())
                        .setMaxConnPerRoute(256)
                        .setMaxConnTotal(1024)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build());
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(client);
        factory.setReadTimeout(readTimeout);
        ClientHttpRequestInterceptor guard = (request, body, execution) -> {
            check(effective, request.getURI());
            ClientHttpResponse response;
            try {
                response = execution.execute(request, body);
            } catch (IOException e) {
                throw refusalOr(e);
            }
            if (response.getStatusCode().is3xxRedirection() && response.getStatusCode().value() != 304) {
                String location = response.getHeaders().getFirst("Location");
                int status = response.getStatusCode().value();
                response.close();
                throw redirectRefused(request.getURI(), status, location);
            }
            return response;
        };
        return RestClient.builder().requestFactory(factory).requestInterceptor(guard);
    }

    private OutboundPolicy effective(String trustedBaseUrl) {
        if (trustedBaseUrl == null || trustedBaseUrl.isBlank()) {
            return policy;
        }
        try {
            return policy.allowing(URI.create(trustedBaseUrl.strip()).getHost());
        } catch (IllegalArgumentException e) {
            return policy;
        }
    }

    private static String trustKey(String trustedBaseUrl) {
        if (trustedBaseUrl == null || trustedBaseUrl.isBlank()) {
            return "";
        }
        try {
            String host = URI.create(trustedBaseUrl.strip()).getHost();
            return host == null ? "" : OutboundPolicy.normalizeHost(host);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void check(OutboundPolicy policy, URI uri) throws OutboundIOException {
        try {
            policy.checkUrl(uri);
        } catch (OutboundException e) {
            throw new OutboundIOException(e);
        }
    }

    /** The address OkHttp connected to (also literal IPs, which it does not resolve through DNS). */
    private static void checkConnected(OutboundPolicy policy, String host, InetSocketAddress connected)
            throws OutboundIOException {
        if (connected == null || connected.getAddress() == null) {
            return;
        }
        try {
            policy.checkResolved(host, new InetAddress[] {connected.getAddress()});
        } catch (OutboundBlockedException e) {
            throw new OutboundIOException(e);
        }
    }

    /** A policy refusal found in the cause chain, carried; any other failure as it was. */
    private static IOException refusalOr(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PolicyDnsResolver.BlockedHostException blocked) {
                return new OutboundIOException(blocked.blocked());
            }
            if (t instanceof OutboundIOException carried) {
                return carried;
            }
        }
        return e;
    }

    private static OutboundIOException redirectRefused(URI from, int status, String location) {
        return new OutboundIOException(new OutboundException(Reason.REDIRECT_REFUSED,
                "the provider at '" + from.getScheme() + "://" + from.getRawAuthority() + "' answered HTTP " + status
                        + " redirecting to '" + (location == null ? "" : location) + "'; provider redirects are not"
                        + " followed: set the base URL to the address that answers"));
    }

    @Override
    public void close() {
        apacheByTrust.values().forEach(client -> {
            try {
                client.close();
            } catch (IOException ignored) {
                // nothing the caller can act on at shutdown
            }
        });
        okHttpBase.dispatcher().executorService().shutdown();
        okHttpBase.connectionPool().evictAll();
    }

    /** OkHttp's resolver under the policy: what is checked is what the connection uses. */
    private static final class PolicyDns implements Dns {

        private final PolicyDnsResolver resolver;

        PolicyDns(OutboundPolicy policy) {
            this.resolver = new PolicyDnsResolver(policy);
        }

        @Override
        public List<InetAddress> lookup(String hostname) throws java.net.UnknownHostException {
            return List.of(resolver.resolve(hostname));
        }
    }
}
