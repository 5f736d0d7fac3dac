package com.sociallive.auth.token;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest keys first, as private JWK JSON. */
    List<String> newest(int count) {
        return jdbc.sql("SELECT private_jwk FROM signing_keys ORDER BY created_at DESC, kid DESC LIMIT :count")
                .param("count", count)
                .query(String.class)
                .list();
    }

    boolean exists(String kid) {
        return jdbc.sql("SELECT count(*) FROM signing_keys WHERE kid = :kid")
                        .param("kid", kid)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Serialises key creation between instances for the rest of the current transaction. */
    void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('auth.signing_keys'))")
                .query()
                .singleRow();
    }

    void insert(String kid, String privateJwk, Instant createdAt) {
        jdbc.sql("INSERT INTO signing_keys (kid, private_jwk, created_at) VALUES (:kid, :jwk, :createdAt)")
                .param("kid", kid)
                .param("jwk", privateJwk)
                .param("createdAt", java.sql.Timestamp.from(createdAt))
                .update();
    }
}
