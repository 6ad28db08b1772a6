package dev.weft.outbound;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbound policy from {@code weft.outbound.allow-hosts} and the clients that enforce it. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OutboundPolicy outboundPolicy(@Value("${weft.outbound.allow-hosts:}") String allowHosts) {
        return OutboundPolicy.fromAllowHostsSetting(allowHosts);
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
