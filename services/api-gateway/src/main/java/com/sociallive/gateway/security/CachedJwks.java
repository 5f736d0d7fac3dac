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
 *
 * <p>A fetch that fails fails the tokens waiting for it with {@link JwksUnavailableException} (503 at the edge), and so
 * does every token that needs the JWKS until the next attempt, at most {@link #RETRY_AFTER_FAILURE} later (or the
 * cooldown, when shorter): while the auth service is down, requests are answered at once rather than each waiting for
 * a fetch of its own.
 */
class CachedJwks implements Function<SignedJWT, Flux<JWK>> {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final WebClient auth;
    private final String path;
    private final Duration cooldown;
    private final Duration retryAfterFailure;
    private volatile JWKSet keys;
    private volatile Instant lastFetch = Instant.EPOCH;
    private volatile Instant lastFailure;
    private Mono<JWKSet> inFlight;

    CachedJwks(WebClient auth, String path, Duration cooldown) {
        this.auth = auth;
        this.path = path;
        this.cooldown = cooldown;
        this.retryAfterFailure = cooldown.compareTo(RETRY_AFTER_FAILURE) < 0 ? cooldown : RETRY_AFTER_FAILURE;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        JWKSet current = keys;
        List<JWK> matching = current == null ? List.of() : selector.select(current);
        if (!matching.isEmpty()) {
            return Flux.fromIterable(matching);
        }
        Instant now = Instant.now();
        Instant failed = lastFailure;
        if (failed != null && now.isBefore(failed.plus(retryAfterFailure))) {
            return Flux.error(new JwksUnavailableException("The auth service's JWKS could not be fetched", null));
        }
        if (current != null && now.isBefore(lastFetch.plus(cooldown))) {
            return Flux.empty(); // fetched a moment ago: the key is unknown
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
                    .doOnNext(fetched -> {
                        keys = fetched;
                        lastFailure = null;
                    })
                    .onErrorMap(e -> {
                        lastFailure = Instant.now();
                        return new JwksUnavailableException("The auth service's JWKS could not be fetched", e);
                    })
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
