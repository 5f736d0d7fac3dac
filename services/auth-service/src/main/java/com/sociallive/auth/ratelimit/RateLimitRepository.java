package com.sociallive.auth.ratelimit;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RateLimitRepository {

    private final JdbcClient jdbc;

    RateLimitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One more hit in the bucket's current fixed window (a new window starts when the old one has passed). */
    Window hit(String bucket, Duration window) {
        return jdbc.sql("""
                INSERT INTO rate_counters AS c (bucket, window_start, hits) VALUES (:bucket, clock_timestamp(), 1)
                ON CONFLICT (bucket) DO UPDATE SET
                    window_start = CASE WHEN c.window_start <= clock_timestamp() - make_interval(secs => CAST(:secs AS double precision))
                                        THEN clock_timestamp() ELSE c.window_start END,
                    hits = CASE WHEN c.window_start <= clock_timestamp() - make_interval(secs => CAST(:secs AS double precision))
                                THEN 1 ELSE c.hits + 1 END
                RETURNING hits,
                    ceil(extract(epoch FROM window_start + make_interval(secs => CAST(:secs AS double precision)) - clock_timestamp()))::bigint
                """)
                .param("bucket", bucket)
                .param("secs", window.toSeconds())
                .query((rs, row) -> new Window(rs.getInt(1), rs.getLong(2)))
                .single();
    }

    void deleteStaleCounters() {
        jdbc.sql("DELETE FROM rate_counters WHERE window_start < clock_timestamp() - interval '1 hour'")
                .update();
    }

    /** Serialises the login attempts of one account between instances for the current transaction. */
    void lockAccount(String accountKey) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('auth.login:' || :key))")
                .param("key", accountKey)
                .query()
                .singleRow();
    }

    /**
     * Null while the account has fewer than {@code limit} failures in the window; else the seconds until the oldest
     * failure that keeps it at the limit leaves the window.
     */
    Long secondsUntilBelowLimit(String accountKey, int limit, Duration window) {
        return jdbc.sql("""
                SELECT ceil(extract(epoch FROM failed_at + make_interval(secs => CAST(:secs AS double precision)) - clock_timestamp()))::bigint
                FROM login_failures
                WHERE account_key = :key AND failed_at > clock_timestamp() - make_interval(secs => CAST(:secs AS double precision))
                ORDER BY failed_at DESC
                OFFSET :offset LIMIT 1
                """)
                .param("key", accountKey)
                .param("secs", window.toSeconds())
                .param("offset", limit - 1)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    void recordFailure(String accountKey, Duration window) {
        jdbc.sql("""
                DELETE FROM login_failures
                WHERE account_key = :key AND failed_at <= clock_timestamp() - make_interval(secs => CAST(:secs AS double precision))
                """).param("key", accountKey).param("secs", window.toSeconds()).update();
        jdbc.sql("INSERT INTO login_failures (account_key, failed_at) VALUES (:key, clock_timestamp())")
                .param("key", accountKey)
                .update();
    }

    void clearFailures(String accountKey) {
        jdbc.sql("DELETE FROM login_failures WHERE account_key = :key")
                .param("key", accountKey)
                .update();
    }

    record Window(int hits, long retryAfterSeconds) {}
}
