package com.sociallive.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The auth service's JWKS, fetched once and kept. A token naming a key the cached set does not hold (a key rotation)
 * fetches it again, but at most once per cooldown: tokens with made-up {@code kid}s cannot make the gateway call the
 * auth service per request.
 */
class CachedJwks implements Function<SignedJWT, Flux<JWK>> {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient auth;
    private final String path;
    private final Duration cooldown;
    private volatile JWKSet keys;
    private volatile Instant lastFetch = Instant.EPOCH;
    private Mono<JWKSet> inFlight;

    CachedJwks(WebClient auth, String path, Duration cooldown) {
        this.auth = auth;
        this.path = path;
        this.cooldown = cooldown;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        JWKSet current = keys;
        if (current != null) {
            List<JWK> matching = selector.select(current);
            if (!matching.isEmpty() || Instant.now().isBefore(lastFetch.plus(cooldown))) {
                return Flux.fromIterable(matching);
            }
        }
        return fetch().flatMapIterable(selector::select);
    }

    private synchronized Mono<JWKSet> fetch() {
        if (inFlight == null) {
            lastFetch = Instant.now();
            inFlight = auth.get()
                    .uri(path)
                    .retrieve()
                    .bodyToMono(String.class)
                    .timeout(FETCH_TIMEOUT)
                    .map(CachedJwks::parse)
                    .doOnNext(fetched -> keys = fetched)
                    .doFinally(signal -> clearInFlight())
                    .cache();
        }
        return inFlight;
    }

    private synchronized void clearInFlight() {
        inFlight = null;
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("The auth service's JWKS cannot be parsed", e);
        }
    }
}
