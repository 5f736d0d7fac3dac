package com.sociallive.commerce.payment;

import com.sociallive.commerce.CommerceErrorCode;
import com.sociallive.commerce.Times;
import com.sociallive.commerce.idempotency.Idempotency;
import com.sociallive.commerce.order.Order;
import com.sociallive.commerce.order.OrderService;
import com.sociallive.commerce.wallet.WalletClient;
import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment and refund sagas (ARCHITECTURE.md decision 8). Each moves money through the wallet in three steps:
 *
 * <ol>
 *   <li>under the order's row lock, record an attempt as PENDING and commit it, <em>before</em> calling the wallet;
 *   <li>POST /internal/transfers with the order's fixed reference ({@code order:<id>} or {@code refund:<id>}), so
 *       that the wallet moves the money at most once per order whatever happens here;
 *   <li>on the wallet's 201, mark the attempt SUCCEEDED and the order PAID (or REFUNDED) in one transaction.
 * </ol>
 *
 * When the wallet refuses (4xx) or was never reached, the attempt becomes FAILED and nothing changed. When the
 * outcome is unknown (timeout, 5xx, crash of this service), the attempt stays PENDING: a retry takes it up again
 * with the same reference, and otherwise {@link PaymentRecovery} asks the wallet by reference and settles it.
 */
@Service
class PaymentSaga {

    private static final Logger log = LoggerFactory.getLogger(PaymentSaga.class);

    private final PaymentRepository payments;
    private final OrderService orders;
    private final WalletClient wallet;
    private final TransactionTemplate tx;
    private final Idempotency idempotency;
    private final MeterRegistry meters;

    PaymentSaga(
            PaymentRepository payments,
            OrderService orders,
            WalletClient wallet,
            TransactionTemplate tx,
            Idempotency idempotency,
            MeterRegistry meters) {
        this.payments = payments;
        this.orders = orders;
        this.wallet = wallet;
        this.tx = tx;
        this.idempotency = idempotency;
        this.meters = meters;
    }

    /** {@code commerce.wallet.calls{kind, outcome}}: what the wallet answered to our transfers. */
    private WalletClient.Outcome counted(Attempt attempt, WalletClient.Outcome outcome) {
        String name = switch (outcome) {
            case WalletClient.Moved m -> "moved";
            case WalletClient.Refused r -> r.status() == 422 ? "insufficient_funds" : "refused";
            case WalletClient.NotSent n -> "not_sent";
            case WalletClient.Unknown u -> "unknown";
            case WalletClient.InProgress i -> "in_progress";
        };
        meters.counter(
                        "commerce.wallet.calls",
                        "kind",
                        attempt.kind().toLowerCase(java.util.Locale.ROOT),
                        "outcome",
                        name)
                .increment();
        return outcome;
    }

    /** POST /payments: 201 Payment SUCCEEDED and the order PAID, or a DomainException. */
    ResponseEntity<Payment> pay(UUID buyerId, UUID orderId, String method, Idempotency.Claim claim) {
        Attempt attempt = tx.execute(status -> {
            Optional<Attempt> answered = payments.findLive(orderId, Attempt.PAYMENT)
                    .filter(a -> Attempt.SUCCEEDED.equals(a.status())
                            && claim.userId().equals(a.idemUserId())
                            && claim.key().equals(a.idemKey()));
            if (answered.isPresent()) {
                // this request's own attempt succeeded after it got a 503 (settled by a retry or the recovery)
                return answered.get();
            }
            Order order = orders.lockForPayment(buyerId, orderId);
            return payments.findLive(orderId, Attempt.PAYMENT)
                    .map(live -> payments.takeUp(live, claim.userId(), claim.key()))
                    .orElseGet(
                            () -> newAttempt(order, Attempt.PAYMENT, method, order.buyerId(), order.sellerId(), claim));
        });
        if (Attempt.SUCCEEDED.equals(attempt.status())) {
            return tx.execute(status -> {
                ResponseEntity<Payment> response = created(attempt);
                claim.complete(response);
                return response;
            });
        }
        WalletClient.Outcome outcome = counted(attempt, callWallet(attempt, "PAYMENT"));
        return switch (outcome) {
            case WalletClient.Moved moved ->
                tx.execute(status -> {
                    Attempt done = settleMoved(attempt, moved.transfer());
                    ResponseEntity<Payment> response = created(done);
                    claim.complete(response);
                    return response;
                });
            case WalletClient.Refused refused -> throw refusedAnswer(attempt, refused);
            case WalletClient.NotSent notSent -> throw notSentAnswer(attempt);
            case WalletClient.Unknown unknown -> throw unknownAnswer(attempt, unknown.reason());
            case WalletClient.InProgress inProgress -> throw inProgressAnswer();
        };
    }

    /** POST /orders/{id}/refund: the order REFUNDED and the money back with the buyer, or a DomainException. */
    Order refund(UUID sellerId, UUID orderId) {
        Attempt attempt = tx.execute(status -> {
            Order order = orders.lockForRefund(sellerId, orderId);
            return payments.findLive(orderId, Attempt.REFUND)
                    .map(live -> payments.takeUp(live, null, null))
                    .orElseGet(
                            () -> newAttempt(order, Attempt.REFUND, "WALLET", order.sellerId(), order.buyerId(), null));
        });
        WalletClient.Outcome outcome = counted(attempt, callWallet(attempt, "REFUND"));
        switch (outcome) {
            case WalletClient.Moved moved -> tx.executeWithoutResult(status -> settleMoved(attempt, moved.transfer()));
            case WalletClient.Refused refused -> throw refusedAnswer(attempt, refused);
            case WalletClient.NotSent notSent -> throw notSentAnswer(attempt);
            case WalletClient.Unknown unknown -> throw unknownAnswer(attempt, unknown.reason());
            case WalletClient.InProgress inProgress -> throw inProgressAnswer();
        }
        return orders.get(sellerId, orderId);
    }

    /**
     * Settles an attempt whose money the wallet moved (called inside a transaction by the request and by the
     * recovery): the attempt SUCCEEDED and the order PAID or REFUNDED. Idempotent.
     */
    Attempt settleMoved(Attempt attempt, WalletClient.Transfer transfer) {
        orders.lock(attempt.orderId());
        if (payments.markSucceeded(attempt.id(), transfer.id())) {
            if (Attempt.PAYMENT.equals(attempt.kind())) {
                orders.markPaid(attempt.orderId());
            } else {
                orders.markRefunded(attempt.orderId());
            }
            log.info(
                    "{} {} of order {} settled by wallet transfer {}",
                    attempt.kind(),
                    attempt.id(),
                    attempt.orderId(),
                    transfer.id());
        }
        Attempt done = payments.find(attempt.id()).orElseThrow();
        if (Attempt.PAYMENT.equals(done.kind()) && done.idemKey() != null) {
            // a request that crashed before answering gets its answer on retry
            idempotency.complete(done.idemUserId(), done.idemKey(), created(done));
        }
        return done;
    }

    private Attempt newAttempt(Order order, String kind, String method, UUID from, UUID to, Idempotency.Claim claim) {
        Instant now = Times.now();
        Attempt attempt = new Attempt(
                UuidV7.next(),
                order.id(),
                kind,
                method,
                order.total(),
                order.currency(),
                from,
                to,
                Attempt.PENDING,
                Attempt.referenceFor(kind, order.id()),
                0,
                claim == null ? null : claim.userId(),
                claim == null ? null : claim.key(),
                now,
                now);
        payments.insert(attempt);
        return attempt;
    }

    private WalletClient.Outcome callWallet(Attempt attempt, String type) {
        return wallet.transfer(
                attempt.walletKey(),
                new WalletClient.TransferRequest(
                        attempt.fromUserId(),
                        attempt.toUserId(),
                        attempt.amount(),
                        attempt.currency(),
                        type,
                        attempt.reference(),
                        type.equals("PAYMENT")
                                ? "Order " + attempt.orderId()
                                : "Refund of order " + attempt.orderId()));
    }

    private DomainException refusedAnswer(Attempt attempt, WalletClient.Refused refused) {
        boolean funds = refused.status() == 422 && "INSUFFICIENT_FUNDS".equals(refused.code());
        payments.markFailed(attempt.id(), attempt.version(), funds ? "INSUFFICIENT_FUNDS" : "WALLET_" + refused.code());
        if (funds) {
            return new DomainException(
                    CommerceErrorCode.INSUFFICIENT_FUNDS,
                    Attempt.PAYMENT.equals(attempt.kind())
                            ? "Your wallet balance does not cover " + attempt.amount() + " " + attempt.currency()
                            : "The seller's wallet balance does not cover the refund");
        }
        log.error(
                "Wallet refused {} {}: {} {} {}",
                attempt.kind(),
                attempt.id(),
                refused.status(),
                refused.code(),
                refused.detail());
        return new DomainException(CommonErrorCode.SERVICE_UNAVAILABLE, "The wallet refused the transfer");
    }

    private DomainException notSentAnswer(Attempt attempt) {
        payments.markFailed(attempt.id(), attempt.version(), "WALLET_UNREACHABLE");
        return new DomainException(CommonErrorCode.SERVICE_UNAVAILABLE, "The wallet is unavailable; try again")
                .withHeader("Retry-After", "5");
    }

    private static DomainException inProgressAnswer() {
        return new DomainException(
                        CommonErrorCode.REQUEST_IN_PROGRESS,
                        "A payment of this order is being processed; retry shortly")
                .withHeader("Retry-After", "1");
    }

    private DomainException unknownAnswer(Attempt attempt, String reason) {
        log.warn("{} {} of order {} left PENDING: {}", attempt.kind(), attempt.id(), attempt.orderId(), reason);
        return new DomainException(
                        CommonErrorCode.SERVICE_UNAVAILABLE,
                        "The wallet did not answer; nothing was charged twice, try again")
                .withHeader("Retry-After", "5");
    }

    private static ResponseEntity<Payment> created(Attempt attempt) {
        return ResponseEntity.created(URI.create("/payments/" + attempt.id())).body(Payment.of(attempt));
    }
}
