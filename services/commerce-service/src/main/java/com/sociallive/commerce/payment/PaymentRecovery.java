package com.sociallive.commerce.payment;

import com.sociallive.commerce.Times;
import com.sociallive.commerce.config.CommerceProperties;
import com.sociallive.commerce.wallet.WalletClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles payment and refund attempts left PENDING by a crash or an unanswered wallet call: at start-up and then
 * every {@code recovery-interval}, each attempt untouched for {@code recovery-min-age} is looked up at the wallet by
 * its reference. Found: the money moved, so the attempt SUCCEEDED and the order PAID/REFUNDED. Not found: nothing
 * moved, so the attempt FAILED (the order stays as it was and may be paid again). No answer: next run.
 */
@Component
public class PaymentRecovery {

    private static final Logger log = LoggerFactory.getLogger(PaymentRecovery.class);
    private static final int BATCH = 50;

    private final PaymentRepository payments;
    private final PaymentSaga saga;
    private final WalletClient wallet;
    private final TransactionTemplate tx;
    private final CommerceProperties properties;
    private final MeterRegistry meters;

    PaymentRecovery(
            PaymentRepository payments,
            PaymentSaga saga,
            WalletClient wallet,
            TransactionTemplate tx,
            CommerceProperties properties,
            MeterRegistry meters) {
        this.meters = meters;
        this.payments = payments;
        this.saga = saga;
        this.wallet = wallet;
        this.tx = tx;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${sociallive.commerce.recovery-interval:10s}",
            initialDelayString = "${sociallive.commerce.recovery-initial-delay:1s}")
    void scheduled() {
        try {
            recoverOnce();
        } catch (RuntimeException e) {
            log.warn("Payment recovery run failed; the next run retries", e);
        }
    }

    /** {@code commerce.recovery.attempts{result}}: how the recovery resolved stale attempts. */
    private void count(String result) {
        meters.counter("commerce.recovery.attempts", "result", result).increment();
    }

    /** One pass over the stale PENDING attempts; returns how many were settled (succeeded or failed). */
    public int recoverOnce() {
        List<Attempt> stale =
                tx.execute(status -> payments.takeUpStale(Times.now().minus(properties.recoveryMinAge()), BATCH));
        int settled = 0;
        for (Attempt attempt : stale == null ? List.<Attempt>of() : stale) {
            switch (wallet.byReference(attempt.reference())) {
                case WalletClient.Found found -> {
                    WalletClient.Transfer t = found.transfer();
                    if (t.amount() == attempt.amount()
                            && Objects.equals(t.fromUserId(), attempt.fromUserId())
                            && Objects.equals(t.toUserId(), attempt.toUserId())) {
                        tx.executeWithoutResult(status -> saga.settleMoved(attempt, t));
                        count("moved");
                        log.info("Recovered {} {}: the wallet had moved the money", attempt.kind(), attempt.id());
                    } else {
                        payments.markFailed(attempt.id(), attempt.version(), "REFERENCE_CONFLICT");
                        count("conflict");
                        log.error(
                                "{} {}: wallet transfer {} under reference {} does not match; needs a person",
                                attempt.kind(),
                                attempt.id(),
                                t.id(),
                                attempt.reference());
                    }
                    settled++;
                }
                case WalletClient.Absent absent -> {
                    if (payments.markFailed(attempt.id(), attempt.version(), "NOT_MOVED")) {
                        log.info("Recovered {} {}: no money had moved", attempt.kind(), attempt.id());
                        count("not_moved");
                        settled++;
                    }
                }
                case WalletClient.Unanswered unanswered -> {
                    log.warn("{} {} still unresolved: {}", attempt.kind(), attempt.id(), unanswered.reason());
                    count("unanswered");
                }
            }
        }
        return settled;
    }
}
