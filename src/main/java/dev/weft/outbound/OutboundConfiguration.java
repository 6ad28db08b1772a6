package dev.weft.outbound;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbound policy from {@code weft.outbound.allow-hosts} and the clients that enforce it. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OutboundConfiguration.class);

    /** Loopback names and addresses a development machine's own servers listen on. */
    static final java.util.List<String> LOOPBACK = java.util.List.of("localhost", "127.0.0.1", "::1");

    @Bean
    OutboundPolicy outboundPolicy(@Value("${weft.outbound.allow-hosts:}") String allowHosts,
                                  @Value("${weft.dev:false}") boolean dev) {
        OutboundPolicy policy = OutboundPolicy.fromAllowHostsSetting(allowHosts);
        if (!dev) {
            return policy;
        }
        for (String host : LOOPBACK) {
            policy = policy.allowing(host);
        }
        log.warn("""

                ******************************************************************************************
                *  DEVELOPMENT MODE (WEFT_DEV=true or the dev profile): webhooks, emit_webhook steps and  *
                *  model servers may reach this machine's loopback addresses (localhost, 127.0.0.1, ::1).  *
                *  Never run a shared or public server like this.                                           *
                ******************************************************************************************""");
        return policy;
    }

    @Bean(destroyMethod = "close")
    ProviderHttp providerHttp(OutboundPolicy policy) {
        return new ProviderHttp(policy);
    }

    @Bean(destroyMethod = "close")
    SafeHttpClient safeHttpClient(OutboundPolicy policy,
                                  @Value("${weft.outbound.connect-timeout:PT5S}") Duration connectTimeout,
                                  @Value("${weft.outbound.response-timeout:PT30S}") Duration responseTimeout,
                                  @Value("${weft.outbound.max-response-bytes:20971520}") long maxResponseBytes,
                                  @Value("${weft.outbound.max-connections:1024}") int maxConnections,
                                  @Value("${weft.outbound.max-connections-per-host:256}") int maxConnectionsPerHost) {
        return new SafeHttpClient(policy, connectTimeout, responseTimeout, 5, maxResponseBytes, maxConnections,
                maxConnectionsPerHost);
    }
}
