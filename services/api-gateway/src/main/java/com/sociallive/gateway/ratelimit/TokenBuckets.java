package com.sociallive.gateway.ratelimit;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Where the token buckets live: in this process, or in Redis for every gateway instance. */
interface TokenBuckets {

    Mono<Verdict> take(String key, RateLimitProperties.Limit limit);

    /** Whether a request may pass and, when not, how long until a token is back. */
    record Verdict(boolean allowed, Duration retryAfter) {

        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);
    }
}
