package com.sociallive.wallet.ledger;

import com.sociallive.platform.error.DomainException;
import com.sociallive.wallet.idempotency.OneStatementClaim;
import com.sociallive.wallet.ledger.domain.AccountKind;
import com.sociallive.wallet.ledger.domain.AccountRef;
import com.sociallive.wallet.ledger.domain.JournalEntry;
import com.sociallive.wallet.ledger.domain.Leg;
import com.sociallive.wallet.ledger.domain.WalletErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts, journal entries and postings, in explicit SQL. */
@Repository
class LedgerRepository {

    /** Raised by post_legs when a user account would go below zero. */
    private static final String INSUFFICIENT_FUNDS_STATE = "WL001";

    private final JdbcClient jdbc;

    LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AccountRef> findUserAccount(UUID ownerId, String currency) {
        return jdbc.sql("SELECT id FROM accounts WHERE kind = 'USER' AND owner_id = :owner AND currency = :currency")
                .param("owner", ownerId)
                .param("currency", currency)
                .query(UUID.class)
                .optional()
                .map(id -> new AccountRef(id, AccountKind.USER, ownerId, currency));
    }

    /** Creates the account when missing (concurrent creators meet on the unique index) and returns it. */
    AccountRef ensureUserAccount(UUID ownerId, String currency) {
        jdbc.sql("""
                        INSERT INTO accounts (id, kind, owner_id, currency) VALUES (:id, 'USER', :owner, :currency)
                        ON CONFLICT (owner_id, currency) WHERE kind = 'USER' DO NOTHING""")
                .param("id", UUID.randomUUID())
                .param("owner", ownerId)
                .param("currency", currency)
                .update();
        return findUserAccount(ownerId, currency).orElseThrow();
    }

    AccountRef ensurePlatformAccount(AccountKind kind, String currency, int shard) {
        jdbc.sql("""
                        INSERT INTO accounts (id, kind, currency, shard) VALUES (:id, :kind, :currency, :shard)
                        ON CONFLICT (kind, currency, shard) WHERE kind <> 'USER' DO NOTHING""")
                .param("id", UUID.randomUUID())
                .param("kind", kind.name())
                .param("currency", currency)
                .param("shard", shard)
                .update();
        UUID id = jdbc.sql("SELECT id FROM accounts WHERE kind = :kind AND currency = :currency AND shard = :shard")
                .param("kind", kind.name())
                .param("currency", currency)
                .param("shard", shard)
                .query(UUID.class)
                .single();
        return new AccountRef(id, kind, null, currency);
    }

    /**
     * Writes the entry and moves the balances, in the caller's transaction. Each account row is changed by one
     * conditional UPDATE (a user's balance never drops below zero), in {@link JournalEntry#LOCK_ORDER}, and its posting
     * appended, all in one call of {@code post_legs} (V4), so hot rows stay locked for one round trip plus the commit.
     * The posting's time comes from the row under its lock, so it strictly increases per account.
     *
     * @throws DomainException INSUFFICIENT_FUNDS when a user account would go below zero (roll the transaction back)
     */
    PostedEntry post(JournalEntry entry, String initiatedBy, String idempotencyKey) {
        jdbc.sql("""
                        INSERT INTO journal_entries (id, type, currency, amount, fee, from_user_id, to_user_id,
                                                     reference, note, initiated_by, idempotency_key, created_at)
                        VALUES (:id, :type, :currency, :amount, :fee, :from, :to, :reference, :note, :initiatedBy,
                                :idempotencyKey, :createdAt)""").params(entryParams(entry, initiatedBy, idempotencyKey)).update();
        List<Leg> legs = entry.legsInLockOrder();
        Map<UUID, Leg> byAccount = new LinkedHashMap<>();
        legs.forEach(leg -> byAccount.put(leg.account().id(), leg));
        Map<UUID, PostedEntry.PostingResult> results = new LinkedHashMap<>();
        try {
            jdbc.sql(
                            "SELECT account_id, balance_after, posted_at FROM post_legs(:entry, :currency, :accounts::uuid[], :deltas::bigint[])")
                    .param("entry", entry.id())
                    .param("currency", entry.money().currency())
                    .param(
                            "accounts",
                            arrayLiteral(legs.stream().map(leg -> leg.account().id())))
                    .param("deltas", arrayLiteral(legs.stream().map(Leg::amount)))
                    .query(rs -> {
                        UUID account = rs.getObject(1, UUID.class);
                        results.put(
                                account,
                                new PostedEntry.PostingResult(byAccount.get(account), rs.getLong(2), instant(rs, 3)));
                    });
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql
                    && INSUFFICIENT_FUNDS_STATE.equals(sql.getSQLState())) {
                throw new DomainException(WalletErrorCode.INSUFFICIENT_FUNDS, insufficientFundsDetail(entry));
            }
            throw e;
        }
        return new PostedEntry(entry, results);
    }

    /** The journal entry's columns as named parameters, for the INSERT of {@code post} and for {@code transfer_once}. */
    private static Map<String, Object> entryParams(JournalEntry entry, String initiatedBy, String idempotencyKey) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", entry.id());
        params.put("type", entry.type().name());
        params.put("currency", entry.money().currency());
        params.put("amount", entry.money().amount());
        params.put("fee", entry.fee());
        params.put("from", entry.fromUserId());
        params.put("to", entry.toUserId());
        params.put("reference", entry.reference());
        params.put("note", entry.note());
        params.put("initiatedBy", initiatedBy);
        params.put("idempotencyKey", idempotencyKey);
        params.put("createdAt", utc(entry.createdAt()));
        return params;
    }

    /**
     * The whole transfer in one call of {@code transfer_once} (V7), in autocommit: the idempotency key with its answer,
     * the balances (each account locked by its conditional UPDATE, in lock order), the entry and the postings commit
     * together, in one round trip. Must not run inside a transaction (the rows would stay locked until that one
     * commits). A user account that would go below zero rolls the statement back: nothing is written, not even the key
     * ({@link OneStatementTransfer.Outcome#INSUFFICIENT_FUNDS}, the caller stores the refusal).
     */
    OneStatementTransfer.Result transferOnce(
            JournalEntry entry, String initiatedBy, OneStatementClaim claim, String location) {
        List<Leg> legs = entry.legsInLockOrder();
        Map<UUID, Leg> byAccount = new LinkedHashMap<>();
        legs.forEach(leg -> byAccount.put(leg.account().id(), leg));
        Map<UUID, PostedEntry.PostingResult> results = new LinkedHashMap<>();
        String[] outcome = {null};
        try {
            jdbc.sql("""
                            SELECT outcome, account_id, balance_after, posted_at
                              FROM transfer_once(:scope, :key, :hash, :token, :ttlMs,
                                                 :id, :type, :currency, :amount, :fee, :from, :to, :reference, :note,
                                                 :initiatedBy, :idempotencyKey, :createdAt,
                                                 :accounts::uuid[], :deltas::bigint[], :location)""")
                    .param("scope", claim.key().scope())
                    .param("key", claim.key().key())
                    .param("hash", claim.requestHash())
                    .param("token", claim.token())
                    .param("ttlMs", claim.ttl().toMillis())
                    .params(entryParams(entry, initiatedBy, claim.key().qualified()))
                    .param(
                            "accounts",
                            arrayLiteral(legs.stream().map(leg -> leg.account().id())))
                    .param("deltas", arrayLiteral(legs.stream().map(Leg::amount)))
                    .param("location", location)
                    .query(rs -> {
                        outcome[0] = rs.getString(1);
                        UUID account = rs.getObject(2, UUID.class);
                        if (account != null) {
                            results.put(
                                    account,
                                    new PostedEntry.PostingResult(
                                            byAccount.get(account), rs.getLong(3), instant(rs, 4)));
                        }
                    });
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql
                    && INSUFFICIENT_FUNDS_STATE.equals(sql.getSQLState())) {
                return new OneStatementTransfer.Result(OneStatementTransfer.Outcome.INSUFFICIENT_FUNDS, null);
            }
            throw e;
        }
        OneStatementTransfer.Outcome result = OneStatementTransfer.Outcome.valueOf(outcome[0]);
        return new OneStatementTransfer.Result(
                result, result == OneStatementTransfer.Outcome.POSTED ? new PostedEntry(entry, results) : null);
    }

    /** The detail of an INSUFFICIENT_FUNDS refusal, the same on every path. */
    static String insufficientFundsDetail(JournalEntry entry) {
        return "The balance is too low for " + entry.money().amount() + " "
                + entry.money().currency();
    }

    /** A PostgreSQL array literal of UUIDs or numbers (no quoting needed for either). */
    private static String arrayLiteral(java.util.stream.Stream<?> values) {
        return values.map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
