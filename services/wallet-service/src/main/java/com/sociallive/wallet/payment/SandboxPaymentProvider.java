package com.sociallive.wallet.payment;

import com.sociallive.wallet.ledger.domain.Money;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The default provider: a SANDBOX that settles every deposit and withdrawal at once and moves no real money. Chosen
 * with {@code sociallive.wallet.payment-provider=sandbox} (the default).
 */
@Component
@ConditionalOnProperty(name = "sociallive.wallet.payment-provider", havingValue = "sandbox", matchIfMissing = true)
class SandboxPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SandboxPaymentProvider.class);

    @Override
    public String name() {
        return "SANDBOX";
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        log.warn("Payment provider: SANDBOX. Deposits and withdrawals settle at once and no real money moves; "
                + "configure a real PaymentProvider before taking payments");
    }

    @Override
    public Settlement collect(UUID userId, Money money, String reference, String idempotencyKey) {
        return new Settlement("sandbox-" + UUID.randomUUID(), true);
    }

    @Override
    public Settlement payOut(UUID userId, Money money, String destination, String idempotencyKey) {
        return new Settlement("sandbox-" + UUID.randomUUID(), true);
    }
}
