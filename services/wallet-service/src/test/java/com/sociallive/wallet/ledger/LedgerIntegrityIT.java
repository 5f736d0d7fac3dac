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

    @Test
    void shouldRefusePostingsOutsideTheirAccountsAndAccountsThatChangeOrVanish() {
        User user = WalletHttp.newUser("identity");
        new WalletHttp(port).deposit(user, 100);
        UUID account = jdbc.sql("SELECT id FROM accounts WHERE owner_id = :o")
                .param("o", user.id())
                .query(UUID.class)
                .single();
        UUID entry = jdbc.sql("SELECT entry_id FROM postings WHERE account_id = :a")
                .param("a", account)
                .query(UUID.class)
                .single();
        // a balanced pair appended to an existing entry on accounts that do not exist; a posting in a currency its
        // account does not have
        assertThatThrownBy(() -> jdbc.sql("""
                                INSERT INTO postings (entry_id, account_id, currency, amount, balance_after, created_at)
                                VALUES (:e, :nowhere, 'COIN', 5, 0, now()), (:e, :elsewhere, 'COIN', -5, 0, now())""")
                        .param("e", entry)
                        .param("nowhere", UUID.randomUUID())
                        .param("elsewhere", UUID.randomUUID())
                        .update())
                .rootCause()
                .hasMessageContaining("no account");
        assertThatThrownBy(() -> jdbc.sql("""
                                INSERT INTO postings (entry_id, account_id, currency, amount, balance_after, created_at)
                                VALUES (:e, :a, 'GEM', 5, 0, now())""")
                        .param("e", UUID.randomUUID())
                        .param("a", account)
                        .update())
                .rootCause()
                .hasMessageContaining("currency");
        // postings of an entry that does not exist
        UUID other = jdbc.sql("SELECT id FROM accounts WHERE kind <> 'USER' AND currency = 'COIN' LIMIT 1")
                .query(UUID.class)
                .single();
        assertThatThrownBy(() -> jdbc.sql("""
                                INSERT INTO postings (entry_id, account_id, currency, amount, balance_after, created_at)
                                VALUES (:e, :a, 'COIN', 5, 0, now()), (:e, :b, 'COIN', -5, 0, now())""")
                        .param("e", UUID.randomUUID())
                        .param("a", account)
                        .param("b", other)
                        .update())
                .rootCause()
                .hasMessageContaining("does not exist");
        // an account never changes owner, kind or currency, and is never removed
        assertThatThrownBy(() -> jdbc.sql("UPDATE accounts SET currency = 'GEM' WHERE id = :a")
                        .param("a", account)
                        .update())
                .rootCause()
                .hasMessageContaining("never change");
        assertThatThrownBy(() -> jdbc.sql("UPDATE accounts SET owner_id = :o WHERE id = :a")
                        .param("o", UUID.randomUUID())
                        .param("a", account)
                        .update())
                .rootCause()
                .hasMessageContaining("never change");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM accounts WHERE id = :a")
                        .param("a", account)
                        .update())
                .rootCause()
                .hasMessageContaining("never removed");
        assertThatThrownBy(() -> jdbc.sql("""
                                INSERT INTO accounts (id, kind, currency) VALUES (:id, 'USER', 'COIN')""").param("id", UUID.randomUUID()).update())
                .rootCause()
                .hasMessageContaining("accounts_user_has_owner");
        assertThat(jdbc.sql("SELECT balance FROM accounts WHERE id = :a")
                        .param("a", account)
                        .query(Long.class)
                        .single())
                .isEqualTo(100);
    }
}
