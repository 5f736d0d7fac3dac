package com.sociallive.wallet.ledger;

import com.sociallive.wallet.idempotency.OneStatementClaim;
import com.sociallive.wallet.ledger.domain.AccountKind;
import com.sociallive.wallet.ledger.domain.AccountRef;
import com.sociallive.wallet.ledger.domain.JournalEntry;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger as the rest of the wallet uses it: finds or opens accounts (each in its own short transaction, before
 * money moves, so opening an account never waits inside a transfer), and posts journal entries inside the caller's
 * transaction.
 */
@Service
public class Ledger {

    private static final int CACHE_LIMIT = 200_000;

    private final int platformShards;
    private final LedgerRepository repository;
    private final TransactionTemplate ownTransaction;
    /** Account ids never change once created; caching them saves a round trip per movement. */
    private final Map<String, AccountRef> accounts = new ConcurrentHashMap<>();

    Ledger(
            LedgerRepository repository,
            PlatformTransactionManager transactions,
            @Value("${sociallive.wallet.platform-account-shards:8}") int platformShards) {
        if (platformShards < 1 || platformShards > 256) {
            throw new IllegalArgumentException("sociallive.wallet.platform-account-shards must be 1..256");
        }
        this.platformShards = platformShards;
        this.repository = repository;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The user's account in that currency, opened when missing. */
    public AccountRef openUserAccount(UUID userId, String currency) {
        AccountRef cached = accounts.get(userKey(userId, currency));
        if (cached != null) {
            return cached;
        }
        return remember(
                userKey(userId, currency), ownTransaction.execute(s -> repository.ensureUserAccount(userId, currency)));
    }

    /** The user's account in that currency, if the user ever had one (reading opens nothing). */
    public Optional<AccountRef> findUserAccount(UUID userId, String currency) {
        AccountRef cached = accounts.get(userKey(userId, currency));
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AccountRef> found = repository.findUserAccount(userId, currency);
        found.ifPresent(a -> remember(userKey(userId, currency), a));
        return found;
    }

    /**
     * One shard of the platform account of that kind: a shard picked at random, so that concurrent deposits or fees
     * do not all wait for one row (the platform's balance of a kind is the sum over its shards).
     */
    public AccountRef platformAccount(AccountKind kind, String currency) {
        int shard = ThreadLocalRandom.current().nextInt(platformShards);
        String key = kind.name() + "/" + currency + "/" + shard;
        AccountRef cached = accounts.get(key);
        if (cached != null) {
            return cached;
        }
        return remember(key, ownTransaction.execute(s -> repository.ensurePlatformAccount(kind, currency, shard)));
    }

    /** Posts the entry in the caller's transaction; an INSUFFICIENT_FUNDS must roll that transaction back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public PostedEntry post(JournalEntry entry, String initiatedBy, String idempotencyKey) {
        return repository.post(entry, initiatedBy, idempotencyKey);
    }

    /**
     * Posts a user transfer, its idempotency claim and its stored answer in one statement and one commit (outside any
     * transaction). The answer stored for a posted entry is {@code location} without a body: the caller rebuilds it
     * from the (append-only) line there when the key is replayed.
     * When a user account would go below zero, nothing is written (INSUFFICIENT_FUNDS): the caller stores the refusal
     * under the key.
     */
    @Transactional(propagation = Propagation.NEVER)
    public OneStatementTransfer.Result transferOnce(
            JournalEntry entry, String initiatedBy, OneStatementClaim claim, String location) {
        return repository.transferOnce(entry, initiatedBy, claim, location);
    }

    private AccountRef remember(String key, AccountRef account) {
        if (accounts.size() > CACHE_LIMIT) {
            accounts.clear();
        }
        accounts.put(key, account);
        return account;
    }

    private static String userKey(UUID userId, String currency) {
        return userId + "/" + currency;
    }
}
