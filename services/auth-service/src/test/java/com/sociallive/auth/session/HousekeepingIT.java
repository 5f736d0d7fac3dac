package com.sociallive.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.id.UuidV7;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HousekeepingIT {

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldDeleteOnlyWhatCanNoLongerMatter() {
        UUID user = UuidV7.next();
        UUID session = UuidV7.next();
        String name = ("hk_" + user.toString().replace("-", "")).substring(0, 30);
        jdbc.sql("""
                INSERT INTO auth.users (id, username, email, password_hash, display_name, created_at, updated_at)
                VALUES (?, ?, ?, 'x', 'x', now(), now())
                """).params(user, name, name + "@example.com").update();
        jdbc.sql("INSERT INTO auth.sessions (id, user_id, created_at) VALUES (?, ?, now())")
                .params(session, user)
                .update();
        jdbc.sql("""
                INSERT INTO auth.refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES
                  (decode(md5(?), 'hex'), ?, now() - interval '40 days', now() - interval '2 days'),
                  (decode(md5(?), 'hex'), ?, now(), now() + interval '30 days')
                """).params("old" + session, session, "new" + session, session).update();
        jdbc.sql("INSERT INTO auth.login_failures (account_key, failed_at) VALUES (?, now() - interval '2 days'),"
                        + " (?, now())")
                .params("hk:" + user, "hk:" + user)
                .update();

        housekeeping.run();

        assertThat(jdbc.sql("SELECT count(*) FROM auth.refresh_tokens WHERE session_id = ?")
                        .param(session)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM auth.login_failures WHERE account_key = ?")
                        .param("hk:" + user)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
