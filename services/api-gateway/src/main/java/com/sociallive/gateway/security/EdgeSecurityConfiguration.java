package com.sociallive.gateway.security;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.gateway.ServicesProperties;
import com.sociallive.gateway.upstream.ServiceInstances;
import io.netty.channel.ChannelOption;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The edge check: every request outside {@link PublicPaths} needs an ES256 access token signed by a key of the auth
 * service's JWKS (cached; fetched again only for an unknown {@code kid}), unexpired, from the expected issuer, and of
 * a session that was not revoked. The token itself is relayed unchanged: each service checks it again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeSecurityProperties.class)
class EdgeSecurityConfiguration {

    /**
     * The gateway's own calls to the auth service (JWKS, service token, revoked sessions), spread over the healthy
     * auth instances like routed requests, so that one dead auth instance does not blind the edge check.
     */
    @Bean
    WebClient authServiceClient(ServicesProperties services, ServiceInstances instances) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                .responseTimeout(Duration.ofSeconds(5));
        return WebClient.builder()
                .baseUrl(authBaseUrl(services))
                .clientConnector(new ReactorClientHttpConnector(http))
                .filter((request, next) -> {
                    URI chosen = instances.next("auth");
                    return via(chosen, request, next).onErrorResume(EdgeSecurityConfiguration::isConnectFailure, e -> {
                        if (chosen != null) {
                            instances.markDown("auth", chosen);
                        }
                        return via(instances.next("auth"), request, next);
                    });
                })
                .build();
    }

    @Bean
    ServiceTokens serviceTokens(WebClient authServiceClient, EdgeSecurityProperties properties) {
        return new ServiceTokens(authServiceClient, properties.clientId(), properties.clientSecret());
    }

    @Bean
    RevokedSessionsPoller revokedSessionsPoller(
            WebClient authServiceClient, ServiceTokens serviceTokens, EdgeSecurityProperties properties) {
        return new RevokedSessionsPoller(authServiceClient, serviceTokens, properties.revocationPollInterval());
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(
            WebClient authServiceClient,
            ServicesProperties services,
            EdgeSecurityProperties properties,
            RevokedSessionsPoller revoked) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(
                        new CachedJwks(authServiceClient, "/.well-known/jwks.json", properties.jwksRefetchCooldown()))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        OAuth2TokenValidator<Jwt> validator = EdgeTokenValidators.of(properties.issuer(), revoked);
        decoder.setJwtValidator(validator);
        return new CachingReactiveJwtDecoder(decoder, revoked::isRevoked, Clock.systemUTC());
    }

    @Bean
    EdgeSecurityWebFilter edgeSecurityWebFilter(
            CorsConfiguration edgeCors,
            ReactiveJwtDecoder jwtDecoder,
            EdgeSecurityProperties properties,
            GatewayProblems problems) {
        return new EdgeSecurityWebFilter(edgeCors, jwtDecoder, properties.enabled(), problems);
    }

    private static Mono<ClientResponse> via(URI instance, ClientRequest request, ExchangeFunction next) {
        if (instance == null) {
            return next.exchange(request); // none known healthy: try the configured one anyway
        }
        URI target = UriComponentsBuilder.fromUri(request.url())
                .scheme(instance.getScheme())
                .host(instance.getHost())
                .port(instance.getPort())
                .build(true)
                .toUri();
        return next.exchange(ClientRequest.from(request).url(target).build());
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String authBaseUrl(ServicesProperties services) {
        URI first = services.instancesOf("auth").stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("AUTH_SERVICE_URL is not set"));
        String url = first.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
