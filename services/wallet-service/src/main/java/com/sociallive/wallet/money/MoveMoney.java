package com.sociallive.wallet.money;

import com.sociallive.platform.error.DomainException;
import com.sociallive.wallet.idempotency.IdempotencyKey;
import com.sociallive.wallet.idempotency.IdempotentExecutor;
import com.sociallive.wallet.idempotency.IdempotentResponse;
import com.sociallive.wallet.idempotency.IdempotentResult;
import com.sociallive.wallet.idempotency.OneStatementClaim;
import com.sociallive.wallet.ledger.Ledger;
import com.sociallive.wallet.ledger.OneStatementTransfer;
import com.sociallive.wallet.ledger.PostedEntry;
import com.sociallive.wallet.ledger.domain.AccountKind;
import com.sociallive.wallet.ledger.domain.AccountRef;
import com.sociallive.wallet.ledger.domain.EntryType;
import com.sociallive.wallet.ledger.domain.JournalEntry;
import com.sociallive.wallet.ledger.domain.Money;
import com.sociallive.wallet.ledger.domain.WalletErrorCode;
import com.sociallive.wallet.payment.PaymentProvider;
import com.sociallive.wallet.users.UserDirectory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * Deposits, withdrawals and user-to-user transfers. Each runs under its idempotency key: accounts are resolved and
 * remote calls made before the database transaction; the journal entry, the balances and the stored answer are
 * written in one transaction.
 */
@Service
class MoveMoney {

    private static final String TRANSFER = "POST /transfer";
    private static final String LOCATION_PREFIX = "/transactions/";

    private final Ledger ledger;
    private final IdempotentExecutor idempotency;
    private final PaymentProvider provider;
    private final UserDirectory users;
    private final HistoryRepository history;

    MoveMoney(
            Ledger ledger,
            IdempotentExecutor idempotency,
            PaymentProvider provider,
            UserDirectory users,
            HistoryRepository history) {
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.provider = provider;
        this.users = users;
        this.history = history;
    }

    IdempotentResponse deposit(UUID userId, IdempotencyKey key, Requests.DepositRequest request) {
        Money money = Money.of(request.amount(), request.currency());
        record Prepared(AccountRef user, AccountRef deposits, PaymentProvider.Settlement settlement) {}
        AtomicReference<Prepared> prepared = new AtomicReference<>();
        return idempotency.execute(
                key,
                "POST /deposit",
                request,
                () -> prepared.set(new Prepared(
                        ledger.openUserAccount(userId, money.currency()),
                        ledger.platformAccount(AccountKind.PLATFORM_DEPOSITS, money.currency()),
                        provider.collect(userId, money, request.reference(), key.qualified()))),
                () -> {
                    Prepared p = prepared.get();
                    String reference = request.reference() != null
                            ? request.reference()
                            : p.settlement().providerReference();
                    JournalEntry entry =
                            JournalEntry.deposit(UUID.randomUUID(), p.user(), p.deposits(), money, reference, now());
                    return created(ledger.post(entry, "user:" + userId, key.qualified()), userId);
                });
    }

    IdempotentResponse withdraw(UUID userId, IdempotencyKey key, Requests.WithdrawRequest request) {
        Money money = Money.of(request.amount(), request.currency());
        record Prepared(AccountRef user, AccountRef withdrawals) {}
        AtomicReference<Prepared> prepared = new AtomicReference<>();
        return idempotency.execute(
                key,
                "POST /withdraw",
                request,
                () -> prepared.set(new Prepared(
                        ledger.findUserAccount(userId, money.currency()).orElseThrow(() -> insufficient(money)),
                        ledger.platformAccount(AccountKind.PLATFORM_WITHDRAWALS, money.currency()))),
                () -> {
                    Prepared p = prepared.get();
                    JournalEntry entry = JournalEntry.withdrawal(
                            UUID.randomUUID(), p.user(), p.withdrawals(), money, request.destination(), now());
                    PostedEntry posted = ledger.post(entry, "user:" + userId, key.qualified());
                    // the sandbox settles at once; a provider that throws rolls the debit back
                    provider.payOut(userId, money, request.destination(), key.qualified());
                    return created(posted, userId);
                });
    }

    /**
     * A transfer between two existing accounts is one statement ({@link Ledger#transferOnce}): claim, balance check,
     * entry, postings and stored answer in one round trip and one commit. The recipient is looked up first (cached),
     * outside any transaction; an unknown recipient or a sender without an account takes the general path, which
     * stores that refusal under the key.
     */
    IdempotentResponse transfer(UUID userId, IdempotencyKey key, Requests.TransferRequest request) {
        Money money = Money.of(request.amount(), request.currency());
        if (request.toUserId().equals(userId)) {
            throw DomainException.invalid("toUserId", "must be another user than the sender");
        }
        Optional<AccountRef> from =
                users.exists(request.toUserId()) ? ledger.findUserAccount(userId, money.currency()) : Optional.empty();
        if (from.isEmpty()) {
            return transferInSteps(userId, key, request, money);
        }
        AccountRef to = ledger.openUserAccount(request.toUserId(), money.currency());
        JournalEntry entry = JournalEntry.transfer(
                UUID.randomUUID(), EntryType.TRANSFER, from.get(), to, null, money, 0, null, request.note(), now());
        OneStatementClaim claim = idempotency.oneStatementClaim(key, TRANSFER, request);
        OneStatementTransfer.Result result = ledger.transferOnce(entry, "user:" + userId, claim, location(entry));
        return switch (result.outcome()) {
            case POSTED -> idempotency.firstAnswer(created(result.posted(), userId));
            case INSUFFICIENT_FUNDS ->
                idempotency.refusedInOneStatement(claim, insufficient(money), at -> lineAt(userId, at));
            case EXISTING -> idempotency.answerExisting(claim, at -> lineAt(userId, at));
        };
    }

    /**
     * The general path (claim, look-ups, then the entry in its own transaction), taken when a refusal is expected
     * before any money could move: the refusal is stored under the key like every other answer.
     */
    private IdempotentResponse transferInSteps(
            UUID userId, IdempotencyKey key, Requests.TransferRequest request, Money money) {
        record Prepared(AccountRef from, AccountRef to) {}
        AtomicReference<Prepared> prepared = new AtomicReference<>();
        return idempotency.execute(
                key,
                TRANSFER,
                request,
                () -> {
                    if (!users.exists(request.toUserId())) {
                        throw new DomainException(
                                WalletErrorCode.USER_NOT_FOUND, "No user with id " + request.toUserId());
                    }
                    prepared.set(new Prepared(
                            ledger.findUserAccount(userId, money.currency()).orElseThrow(() -> insufficient(money)),
                            ledger.openUserAccount(request.toUserId(), money.currency())));
                },
                () -> {
                    Prepared p = prepared.get();
                    JournalEntry entry = JournalEntry.transfer(
                            UUID.randomUUID(),
                            EntryType.TRANSFER,
                            p.from(),
                            p.to(),
                            null,
                            money,
                            0,
                            null,
                            request.note(),
                            now());
                    return created(ledger.post(entry, "user:" + userId, key.qualified()), userId);
                },
                at -> lineAt(userId, at));
    }

    private TransactionView lineAt(UUID userId, String location) {
        UUID entryId = UUID.fromString(location.substring(LOCATION_PREFIX.length()));
        return history.line(userId, entryId).orElseThrow();
    }

    private static String location(JournalEntry entry) {
        return LOCATION_PREFIX + entry.id();
    }

    private static IdempotentResult created(PostedEntry posted, UUID userId) {
        PostedEntry.PostingResult line = posted.postingOfUser(userId);
        JournalEntry entry = posted.entry();
        TransactionView view = TransactionView.of(
                entry.id(),
                entry.type().name(),
                line.leg().amount(),
                entry.money().currency(),
                line.balanceAfter(),
                userId,
                entry.fromUserId(),
                entry.toUserId(),
                entry.reference(),
                entry.note(),
                line.createdAt());
        return IdempotentResult.created(view, location(entry));
    }

    static DomainException insufficient(Money money) {
        return new DomainException(
                WalletErrorCode.INSUFFICIENT_FUNDS,
                "The balance is too low for " + money.amount() + " " + money.currency());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
