package com.sociallive.auth.ratelimit;

import com.sociallive.auth.AuthProperties;
import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brute-force protection kept in PostgreSQL, so that it holds across instances: a fixed-window limit per client IP
 * and action (register, login), and a lock-out of one account after too many failed logins within a window (even
 * the right password gets 429 until the window has passed).
 */
@Service
public class RateLimits {

    private final RateLimitRepository repository;
    private final TransactionTemplate tx;
    private final int perIpPerMinute;
    private final int failureLimit;
    private final Duration failureWindow;

    RateLimits(RateLimitRepository repository, TransactionTemplate tx, AuthProperties properties) {
        this.repository = repository;
        this.tx = tx;
        this.perIpPerMinute = properties.ipRequestsPerMinute();
        this.failureLimit = properties.loginFailureLimit();
        this.failureWindow = properties.loginFailureWindow();
    }

    /** Counts one request of {@code action} from {@code ip}; 429 with Retry-After beyond the per-minute limit. */
    public void countIp(String action, String ip) {
        if (ThreadLocalRandom.current().nextInt(100) == 0) {
            repository.deleteStaleCounters();
        }
        RateLimitRepository.Window window = repository.hit(action + ":" + ip, Duration.ofMinutes(1));
        if (window.hits() > perIpPerMinute) {
            throw rateLimited("Too many requests from this address; try again later", window.retryAfterSeconds());
        }
    }

    /**
     * Starts a login attempt for an account: 429 when the account already has the limit of failures in the window;
     * otherwise the attempt is recorded as a failure up front (so parallel guesses cannot overrun the limit) and
     * {@link #loginSucceeded} forgets the account's failures.
     */
    public void beginLogin(String accountKey) {
        Long retryAfter = tx.execute(status -> {
            repository.lockAccount(accountKey);
            Long wait = repository.secondsUntilBelowLimit(accountKey, failureLimit, failureWindow);
            if (wait == null) {
                repository.recordFailure(accountKey, failureWindow);
            }
            return wait;
        });
        if (retryAfter != null) {
            throw rateLimited("Too many failed logins for this account; try again later", retryAfter);
        }
    }

    public void loginSucceeded(String accountKey) {
        repository.clearFailures(accountKey);
    }

    private static DomainException rateLimited(String detail, long retryAfterSeconds) {
        return new DomainException(CommonErrorCode.RATE_LIMITED, detail)
                .withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }
}
