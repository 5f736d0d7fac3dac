package com.sociallive.wallet.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code idempotency_keys} table (see V3__idempotency.sql). All times are the database's. */
class IdempotencyStore {

    enum State {
        IN_PROGRESS,
        COMPLETED
    }

    record StoredKey(
            String requestHash,
            State state,
            UUID claimToken,
            Integer responseStatus,
            String responseBody,
            String responseLocation,
            String errorCode,
            String errorTitle) {}

    /**
     * When a stored key may be claimed again ({@code ON CONFLICT ... DO UPDATE}): it expired, or a crashed request with
     * the same body left it in progress past its lease. V7's {@code transfer_once} applies the same rule in SQL.
     */
    private static final String TAKEOVER = """
             WHERE idempotency_keys.expires_at < now()
                OR (idempotency_keys.state = 'IN_PROGRESS' AND idempotency_keys.locked_until < now()
                    AND idempotency_keys.request_hash = EXCLUDED.request_hash)
            """;

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this request: inserts it, or takes over a row that expired or whose in-progress lease ran
     * out (a crashed request with the same body). Returns true when this call holds the claim under {@code token}.
     * A concurrent claimer waits on the unique index until this one commits (autocommit: a few ms).
     */
    boolean claim(IdempotencyKey key, String requestHash, UUID token, Duration lease, Duration ttl) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (scope, idem_key, request_hash, state, claim_token, locked_until,
                                                      created_at, expires_at)
                        VALUES (:scope, :key, :hash, 'IN_PROGRESS', :token, now() + :lease * interval '1 millisecond',
                                now(), now() + :ttl * interval '1 millisecond')
                        ON CONFLICT (scope, idem_key) DO UPDATE
                           SET request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS',
                               claim_token = EXCLUDED.claim_token, locked_until = EXCLUDED.locked_until,
                               response_status = NULL, response_body = NULL, response_location = NULL,
                               error_code = NULL, error_title = NULL,
                               created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                        """ + TAKEOVER + "RETURNING claim_token")
                .param("scope", key.scope())
                .param("key", key.key())
                .param("hash", requestHash)
                .param("token", token)
                .param("lease", lease.toMillis())
                .param("ttl", ttl.toMillis())
                .query(UUID.class)
                .optional()
                .filter(token::equals)
                .isPresent();
    }

    Optional<StoredKey> find(IdempotencyKey key) {
        return jdbc.sql("""
                        SELECT request_hash, state, claim_token, response_status, response_body, response_location,
                               error_code, error_title
                          FROM idempotency_keys
                         WHERE scope = :scope AND idem_key = :key AND expires_at >= now()""")
                .param("scope", key.scope())
                .param("key", key.key())
                .query((rs, n) -> new StoredKey(
                        rs.getString(1),
                        State.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class),
                        (Integer) rs.getObject(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
                .optional();
    }

    /** Stores the answer, if the claim is still ours. Run it in the transaction of the effect. */
    boolean complete(IdempotencyKey key, UUID token, int status, String body, String location) {
        return jdbc.sql("""
                                UPDATE idempotency_keys
                                   SET state = 'COMPLETED', response_status = :status, response_body = :body,
                                       response_location = :location
                                 WHERE scope = :scope AND idem_key = :key AND claim_token = :token
                                   AND state = 'IN_PROGRESS'""")
                        .param("status", status)
                        .param("body", body)
                        .param("location", location)
                        .param("scope", key.scope())
                        .param("key", key.key())
                        .param("token", token)
                        .update()
                == 1;
    }

    /** Stores a business refusal (a 4xx the work raised) as the answer to replay. */
    boolean completeWithError(IdempotencyKey key, UUID token, int status, String code, String title, String detail) {
        return jdbc.sql("""
                                UPDATE idempotency_keys
                                   SET state = 'COMPLETED', response_status = :status, response_body = :detail,
                                       error_code = :code, error_title = :title
                                 WHERE scope = :scope AND idem_key = :key AND claim_token = :token
                                   AND state = 'IN_PROGRESS'""")
                        .param("status", status)
                        .param("detail", detail)
                        .param("code", code)
                        .param("title", title)
                        .param("scope", key.scope())
                        .param("key", key.key())
                        .param("token", token)
                        .update()
                == 1;
    }

    /**
     * Claims the key and stores a business refusal as its answer in one statement (the claim rules of {@link #claim}),
     * for work done in one statement that refused without writing anything. Returns false when the key was taken
     * meanwhile (its stored answer is the answer then).
     */
    boolean claimWithError(
            IdempotencyKey key,
            String requestHash,
            UUID token,
            Duration ttl,
            int status,
            String code,
            String title,
            String detail) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (scope, idem_key, request_hash, state, claim_token, locked_until,
                                                      response_status, response_body, error_code, error_title,
                                                      created_at, expires_at)
                        VALUES (:scope, :key, :hash, 'COMPLETED', :token, now(), :status, :detail, :code, :title,
                                now(), now() + :ttl * interval '1 millisecond')
                        ON CONFLICT (scope, idem_key) DO UPDATE
                           SET request_hash = EXCLUDED.request_hash, state = 'COMPLETED',
                               claim_token = EXCLUDED.claim_token, locked_until = EXCLUDED.locked_until,
                               response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body,
                               response_location = NULL, error_code = EXCLUDED.error_code,
                               error_title = EXCLUDED.error_title,
                               created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                        """ + TAKEOVER + "RETURNING claim_token")
                .param("scope", key.scope())
                .param("key", key.key())
                .param("hash", requestHash)
                .param("token", token)
                .param("ttl", ttl.toMillis())
                .param("status", status)
                .param("detail", detail)
                .param("code", code)
                .param("title", title)
                .query(UUID.class)
                .optional()
                .filter(token::equals)
                .isPresent();
    }

    /** Gives the key up after a failure that had no effect (5xx, unreachable dependency): a retry runs afresh. */
    void release(IdempotencyKey key, UUID token) {
        jdbc.sql("""
                        DELETE FROM idempotency_keys
                         WHERE scope = :scope AND idem_key = :key AND claim_token = :token AND state = 'IN_PROGRESS'""")
                .param("scope", key.scope())
                .param("key", key.key())
                .param("token", token)
                .update();
    }

    int deleteExpired(int batch) {
        return jdbc.sql("""
                        DELETE FROM idempotency_keys
                         WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT :batch)""").param("batch", batch).update();
    }
}
