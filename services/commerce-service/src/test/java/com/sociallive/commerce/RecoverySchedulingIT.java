package com.sociallive.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The jobs run by themselves: with short intervals, a payment whose answer was lost is completed and an expired
 * order is cancelled without anyone calling the jobs. Its own context, closed afterwards, so that its schedulers
 * never race the other tests.
 */
@TestPropertySource(
        properties = {
            "sociallive.commerce.recovery-interval=300ms",
            "sociallive.commerce.recovery-initial-delay=0s",
            "sociallive.commerce.recovery-min-age=1s",
            "sociallive.commerce.expiry-interval=300ms",
            "sociallive.commerce.order-ttl=4s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecoverySchedulingIT extends CommerceTestSupport {

    @Test
    void shouldCompleteALostPaymentAndExpireAnUnpaidOrderByThemselves() throws Exception {
        User seller = newUser();
        User buyer = newUser();
        wallet.deposit(buyer.id(), 1000);
        UUID product = product(seller, "Drone", 400, 4);
        UUID paidLater = placeOrder(buyer, product, 1);
        UUID neverPaid = placeOrder(buyer, product, 2);
        assertThat(stock(product)).isEqualTo(1);

        wallet.mode(FakeWallet.Mode.CRASH_AFTER_COMMIT);
        try {
            assertThat(pay(buyer, paidLater, key()).status()).isEqualTo(503);
        } finally {
            wallet.mode(FakeWallet.Mode.NORMAL);
        }

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline
                && !(orderStatus(paidLater).equals("PAID")
                        && orderStatus(neverPaid).equals("CANCELLED"))) {
            Thread.sleep(200);
        }
        assertThat(orderStatus(paidLater)).isEqualTo("PAID");
        assertThat(orderStatus(neverPaid)).isEqualTo("CANCELLED");
        assertThat(stock(product)).isEqualTo(3);
        assertThat(wallet.balance(buyer.id())).isEqualTo(600);
        assertThat(wallet.transfersWithReference("order:" + paidLater)).isEqualTo(1);
    }
}
