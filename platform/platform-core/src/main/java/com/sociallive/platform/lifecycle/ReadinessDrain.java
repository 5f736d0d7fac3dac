package com.sociallive.platform.lifecycle;

import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * The first step of a graceful shutdown (SIGTERM): readiness goes DOWN ({@code REFUSING_TRAFFIC}, so
 * {@code /health/readiness} answers 503 {@code OUT_OF_SERVICE}) while the server still takes requests for the drain
 * delay, long enough for a load balancer (the gateway's instance checks, a Kubernetes readiness probe) to take this
 * instance out of rotation. Only then does the web server stop accepting connections and wait for the requests in
 * flight ({@code server.shutdown=graceful}, at most {@code spring.lifecycle.timeout-per-shutdown-phase}).
 *
 * <p>It runs on the context's {@link ContextClosedEvent}, first of its listeners: at that point every bean still
 * works and no lifecycle bean has been stopped yet.
 */
class ReadinessDrain implements ApplicationListener<ContextClosedEvent>, Ordered {

    private static final Log log = LogFactory.getLog(ReadinessDrain.class);

    private final ApplicationContext context;
    private final ApplicationAvailability availability;
    private final Duration delay;

    ReadinessDrain(ApplicationContext context, ApplicationAvailability availability, Duration delay) {
        this.context = context;
        this.availability = availability;
        this.delay = delay;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child context closing is no shutdown
        }
        if (availability.getReadinessState() != ReadinessState.REFUSING_TRAFFIC) {
            // Boot's web server contexts publish this themselves just before; this covers any other kind
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        }
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        log.info("Shutting down: readiness is DOWN; still serving for " + delay.toMillis()
                + " ms so that load balancers stop sending requests, then finishing the requests in flight");
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
