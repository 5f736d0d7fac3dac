package com.sociallive.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sociallive.wallet.WalletHttp;
import com.sociallive.wallet.WalletHttp.User;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What the database itself guarantees, even against code that tries to bypass the ledger. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerIntegrityIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void shouldRefuseUpdateAndDeleteOfPostingsAndEntries() {
        User user = WalletHttp.newUser("appendonly");
        new WalletHttp(port).deposit(user, 100);
        assertThatThrownBy(() ->
                        jdbc.sql("UPDATE postings SET amount = amount * 2").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM postings").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(
                        () -> jdbc.sql("UPDATE journal_entries SET amount = 1").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM journal_entries").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE postings CASCADE").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT count(*) FROM postings").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldRefuseNegativeUserBalanceAndUnbalancedEntriesInTheDatabase() {
        User user = WalletHttp.newUser("constraints");
        new WalletHttp(port).deposit(user, 100);
        assertThatThrownBy(() -> jdbc.sql("UPDATE accounts SET balance = -1 WHERE owner_id = :o")
                        .param("o", user.id())
                        .update())
                .hasMessageContaining("accounts_user_balance_not_negative");
        UUID account = jdbc.sql("SELECT id FROM accounts WHERE owner_id = :o")
                .param("o", user.id())
                .query(UUID.class)
                .single();
        UUID entry = UUID.randomUUID();
        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> {
                    jdbc.sql("""
                                    INSERT INTO journal_entries (id, type, currency, amount, initiated_by, created_at)
                                    VALUES (:id, 'DEPOSIT', 'COIN', 5, 'test', now())""").param("id", entry).update();
                    jdbc.sql("""
                                    INSERT INTO postings (entry_id, account_id, currency, amount, balance_after, created_at)
                                    VALUES (:id, :account, 'COIN', 5, 105, now())""").param("id", entry).param("account", account).update();
                }))
                .hasMessageContaining("does not balance");
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entries WHERE id = :id")
                        .param("id", entry)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
