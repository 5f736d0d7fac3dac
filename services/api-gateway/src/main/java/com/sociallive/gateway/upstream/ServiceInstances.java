package com.sociallive.gateway.upstream;

import com.sociallive.gateway.ServicesProperties;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The instances of every service (a comma-separated {@code *_SERVICE_URL}), each checked on {@code /health} every
 * few seconds, and handed out round-robin among the healthy ones. An instance whose connection fails, or whose
 * health check is refused or answers DOWN, is skipped at once until a successful check takes it back. A health check
 * that merely times out counts only after {@code healthTimeoutsBeforeDown} in a row: a CPU-starved but working instance
 * (a burst on a small host) answers slowly, and taking the only instance out would turn every request into a 503.
 */
public class ServiceInstances implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

    private final Map<String, Pool> pools = new LinkedHashMap<>();
    private final UpstreamProperties properties;
    private final WebClient client;
    private volatile Disposable checking;

    public ServiceInstances(ServicesProperties services, UpstreamProperties properties) {
        this.properties = properties;
        services.services().keySet().forEach(name -> {
            List<Instance> instances = services.instancesOf(name).stream()
                    .map(uri -> new Instance(name, uri))
                    .toList();
            if (!instances.isEmpty()) {
                pools.put(name, new Pool(instances));
            }
        });
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        properties.healthTimeout().toMillis())
                .responseTimeout(properties.healthTimeout());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    /** The next healthy instance of a service, round-robin; null when it has none. */
    public URI next(String service) {
        Pool pool = pools.get(service);
        return pool == null ? null : pool.next();
    }

    /** Takes an instance out of rotation after a failed connection; the health check takes it back. */
    public void markDown(String service, URI instance) {
        Pool pool = pools.get(service);
        if (pool != null) {
            pool.instances.stream()
                    .filter(i -> i.uri.getHost().equals(instance.getHost()) && i.uri.getPort() == instance.getPort())
                    .forEach(i -> i.setHealthy(false, "connection failed"));
        }
    }

    @Override
    public void start() {
        List<Instance> all =
                pools.values().stream().flatMap(p -> p.instances.stream()).toList();
        checking = Flux.interval(Duration.ZERO, properties.healthInterval())
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(all).flatMap(this::check).then(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = checking;
        if (current != null) {
            current.dispose();
        }
        checking = null;
    }

    @Override
    public boolean isRunning() {
        return checking != null;
    }

    private Mono<Void> check(Instance instance) {
        return client.get()
                .uri(instance.uri.resolve("/health"))
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(properties.healthTimeout())
                .map(up -> up ? CheckResult.UP : CheckResult.DOWN)
                .onErrorResume(e -> Mono.just(isTimeout(e) ? CheckResult.TIMED_OUT : CheckResult.DOWN))
                .doOnNext(result -> instance.record(result, properties.healthTimeoutsBeforeDown()))
                .then();
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    enum CheckResult {
        UP,
        DOWN,
        TIMED_OUT
    }

    private static final class Pool {
        private final List<Instance> instances;
        private final AtomicInteger position = new AtomicInteger();

        Pool(List<Instance> instances) {
            this.instances = instances;
        }

        URI next() {
            int size = instances.size();
            int start = Math.floorMod(position.getAndIncrement(), size);
            for (int i = 0; i < size; i++) {
                Instance candidate = instances.get((start + i) % size);
                if (candidate.healthy) {
                    return candidate.uri;
                }
            }
            return null;
        }
    }

    private static final class Instance {
        private final String service;
        private final URI uri;
        /** Optimistic at start: an instance is used until a check or a connection says otherwise. */
        private volatile boolean healthy = true;

        private int timeoutsInARow;

        Instance(String service, URI uri) {
            this.service = service;
            this.uri = uri;
        }

        /** Only the single health-check loop calls this, so the counter needs no synchronisation. */
        void record(CheckResult result, int timeoutsBeforeDown) {
            switch (result) {
                case UP -> {
                    timeoutsInARow = 0;
                    setHealthy(true, "health check passed");
                }
                case DOWN -> {
                    timeoutsInARow = 0;
                    setHealthy(false, "health check failed");
                }
                case TIMED_OUT -> {
                    timeoutsInARow++;
                    if (timeoutsInARow >= timeoutsBeforeDown) {
                        setHealthy(false, timeoutsInARow + " health checks in a row timed out");
                    }
                }
            }
        }

        void setHealthy(boolean up, String why) {
            if (healthy != up) {
                log.info("{} instance {} is now {} ({})", service, uri, up ? "in rotation" : "out of rotation", why);
            }
            healthy = up;
        }
    }
}
