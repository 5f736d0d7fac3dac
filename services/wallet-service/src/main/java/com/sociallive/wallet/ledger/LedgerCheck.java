package com.sociallive.wallet.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the ledger from its postings, in one consistent snapshot: every account's balance against the sum of
 * its postings, every posting's balanceAfter against the running sum, every entry summing to zero, no user below
 * zero, and the sum over all accounts of each currency being zero.
 */
@Service
public class LedgerCheck {

    public record Mismatch(UUID accountId, String kind, UUID ownerId, String currency, long balance, long computed) {}

    public record Report(
            boolean balanced,
            long accounts,
            long entries,
            long postings,
            List<Mismatch> mismatches,
            List<UUID> unbalancedEntries,
            long wrongBalanceAfter,
            long negativeUserAccounts,
            Map<String, Long> sumByCurrency,
            Instant checkedAt) {}

    private final JdbcClient jdbc;

    LedgerCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Report run() {
        List<Mismatch> mismatches = jdbc.sql("""
                        SELECT a.id, a.kind, a.owner_id, a.currency, a.balance, COALESCE(p.total, 0)
                          FROM accounts a
                          LEFT JOIN (SELECT account_id, sum(amount) AS total FROM postings GROUP BY account_id) p
                                 ON p.account_id = a.id
                         WHERE a.balance <> COALESCE(p.total, 0)
                         ORDER BY a.id LIMIT 100""")
                .query((rs, n) -> new Mismatch(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6)))
                .list();
        List<UUID> unbalanced = jdbc.sql("""
                        SELECT e.id FROM journal_entries e LEFT JOIN postings p ON p.entry_id = e.id
                         GROUP BY e.id HAVING count(p.entry_id) < 2 OR COALESCE(sum(p.amount), 0) <> 0
                         ORDER BY e.id LIMIT 100""").query(UUID.class).list();
        long wrongBalanceAfter = jdbc.sql("""
                        SELECT count(*) FROM (
                            SELECT balance_after,
                                   sum(amount) OVER (PARTITION BY account_id ORDER BY created_at, entry_id) AS running
                              FROM postings) r
                         WHERE r.balance_after <> r.running""").query(Long.class).single();
        long negative = jdbc.sql("SELECT count(*) FROM accounts WHERE kind = 'USER' AND balance < 0")
                .query(Long.class)
                .single();
        Map<String, Long> sums = new TreeMap<>();
        jdbc.sql("SELECT currency, sum(balance) FROM accounts GROUP BY currency")
                .query(rs -> {
                    sums.put(rs.getString(1), rs.getLong(2));
                });
        long accounts =
                jdbc.sql("SELECT count(*) FROM accounts").query(Long.class).single();
        long entries = jdbc.sql("SELECT count(*) FROM journal_entries")
                .query(Long.class)
                .single();
        long postings =
                jdbc.sql("SELECT count(*) FROM postings").query(Long.class).single();
        boolean balanced = mismatches.isEmpty()
                && unbalanced.isEmpty()
                && wrongBalanceAfter == 0
                && negative == 0
                && sums.values().stream().allMatch(sum -> sum == 0);
        return new Report(
                balanced,
                accounts,
                entries,
                postings,
                mismatches,
                unbalanced,
                wrongBalanceAfter,
                negative,
                sums,
                Instant.now());
    }
}
