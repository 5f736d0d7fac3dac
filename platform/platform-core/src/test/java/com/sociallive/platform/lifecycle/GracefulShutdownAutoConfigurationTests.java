package com.sociallive.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class GracefulShutdownAutoConfigurationTests {

    @Test
    void shouldDrainForThreeSecondsByDefault() {
        assertThat(GracefulShutdownAutoConfiguration.drainDelay(new MockEnvironment()))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldTakeTheDelayFromThePropertyOrTheVariable() {
        assertThat(GracefulShutdownAutoConfiguration.drainDelay(
                        new MockEnvironment().withProperty("SHUTDOWN_DRAIN_DELAY", "500ms")))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(GracefulShutdownAutoConfiguration.drainDelay(new MockEnvironment()
                        .withProperty("SHUTDOWN_DRAIN_DELAY", "500ms")
                        .withProperty("sociallive.shutdown.drain-delay", "0s")))
                .isZero();
    }

    @Test
    void shouldNotDrainTheContextOfASpringBootTestUnlessToldTo() {
        MockEnvironment test = new MockEnvironment()
                .withProperty("org.springframework.boot.test.context.SpringBootTestContextBootstrapper", "true");
        assertThat(GracefulShutdownAutoConfiguration.drainDelay(test)).isZero();
        assertThat(GracefulShutdownAutoConfiguration.drainDelay(test.withProperty("SHUTDOWN_DRAIN_DELAY", "1s")))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseTrafficThenWaitTheDelayWhenTheContextCloses() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(ApplicationAvailabilityBean.class);
        context.registerBean(
                ReadinessDrain.class,
                () -> new ReadinessDrain(
                        context, context.getBean(ApplicationAvailability.class), Duration.ofMillis(300)));
        context.refresh();
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC); // as a started application does
        ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);

        long start = System.nanoTime();
        context.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
    }
}
