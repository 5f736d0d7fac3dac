package com.sociallive.commerce.order;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Cancels orders left unpaid past {@code sociallive.commerce.order-ttl} and releases their stock. */
@Component
class OrderExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiryJob.class);
    private static final int BATCH = 100;

    private final OrderService orders;
    private final MeterRegistry meters;

    OrderExpiryJob(OrderService orders, MeterRegistry meters) {
        this.orders = orders;
        this.meters = meters;
    }

    @Scheduled(
            fixedDelayString = "${sociallive.commerce.expiry-interval:30s}",
            initialDelayString = "${sociallive.commerce.expiry-interval:30s}")
    void run() {
        try {
            int total = 0;
            int cancelled;
            do {
                cancelled = orders.expireDue(BATCH);
                total += cancelled;
            } while (cancelled == BATCH);
            meters.counter("commerce.orders.expired").increment(total);
            if (total > 0) {
                log.info("Cancelled {} expired orders", total);
            }
        } catch (RuntimeException e) {
            log.warn("Order expiry run failed; the next run retries", e);
        }
    }
}
