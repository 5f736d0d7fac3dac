package com.sociallive.wallet.internal;

import com.sociallive.platform.error.DomainException;
import com.sociallive.wallet.idempotency.IdempotencyKey;
import com.sociallive.wallet.idempotency.IdempotentExecutor;
import com.sociallive.wallet.idempotency.IdempotentResponse;
import com.sociallive.wallet.idempotency.IdempotentResult;
import com.sociallive.wallet.ledger.Ledger;
import com.sociallive.wallet.ledger.domain.AccountKind;
import com.sociallive.wallet.ledger.domain.AccountRef;
import com.sociallive.wallet.ledger.domain.EntryType;
import com.sociallive.wallet.ledger.domain.JournalEntry;
import com.sociallive.wallet.ledger.domain.Money;
import com.sociallive.wallet.ledger.domain.WalletErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * Transfers that other services ask for (payments, refunds, gifts). Money moves at most once per {@code reference},
 * whatever the idempotency key: the reference is claimed in the same transaction as the postings.
 */
@Service
class InternalTransfers {

    private final Ledger ledger;
    private final IdempotentExecutor idempotency;
    private final InternalTransferRepository transfers;

    InternalTransfers(Ledger ledger, IdempotentExecutor idempotency, InternalTransferRepository transfers) {
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.transfers = transfers;
    }

    IdempotentResponse transfer(String caller, IdempotencyKey key, InternalTransferRequest request) {
        Money money = Money.of(request.amount(), request.currency());
        if (request.fromUserId().equals(request.toUserId())) {
            throw DomainException.invalid("toUserId", "must differ from fromUserId");
        }
        long fee = money.feeAt(request.feeBps());
        record Prepared(Optional<AccountRef> from, AccountRef to, AccountRef fees) {}
        AtomicReference<Prepared> prepared = new AtomicReference<>();
        return idempotency.execute(
                key,
                "POST /internal/transfers",
                request,
                () -> prepared.set(new Prepared(
                        ledger.findUserAccount(request.fromUserId(), money.currency()),
                        ledger.openUserAccount(request.toUserId(), money.currency()),
                        fee > 0 ? ledger.platformAccount(AccountKind.PLATFORM_FEES, money.currency()) : null)),
                () -> {
                    Prepared p = prepared.get();
                    InternalTransferView transfer = new InternalTransferView(
                            UUID.randomUUID(),
                            request.reference(),
                            request.fromUserId(),
                            request.toUserId(),
                            money.amount(),
                            fee,
                            money.currency(),
                            request.type(),
                            "COMPLETED",
                            Instant.now().truncatedTo(ChronoUnit.MICROS));
                    if (!transfers.claim(transfer, caller)) {
                        InternalTransferView existing =
                                transfers.findByReference(request.reference()).orElseThrow();
                        if (!sameMovement(existing, transfer)) {
                            throw new DomainException(
                                    WalletErrorCode.REFERENCE_CONFLICT,
                                    "Reference " + request.reference() + " was used for another transfer");
                        }
                        return new IdempotentResult(201, existing, location(existing), true);
                    }
                    AccountRef from = p.from()
                            .orElseThrow(() -> new DomainException(
                                    WalletErrorCode.INSUFFICIENT_FUNDS,
                                    "The balance is too low for " + money.amount() + " " + money.currency()));
                    JournalEntry entry = JournalEntry.transfer(
                            transfer.id(),
                            EntryType.valueOf(request.type()),
                            from,
                            p.to(),
                            p.fees(),
                            money,
                            request.feeBps(),
                            request.reference(),
                            request.note(),
                            transfer.createdAt());
                    ledger.post(entry, "service:" + caller, key.qualified());
                    return IdempotentResult.created(transfer, location(transfer));
                });
    }

    Optional<InternalTransferView> byReference(String reference) {
        return transfers.findByReference(reference);
    }

    private static boolean sameMovement(InternalTransferView a, InternalTransferView b) {
        return a.fromUserId().equals(b.fromUserId())
                && a.toUserId().equals(b.toUserId())
                && a.amount() == b.amount()
                && a.currency().equals(b.currency())
                && a.type().equals(b.type());
    }

    private static String location(InternalTransferView transfer) {
        return "/internal/transfers/by-reference/"
                + URLEncoder.encode(transfer.reference(), StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }
}
