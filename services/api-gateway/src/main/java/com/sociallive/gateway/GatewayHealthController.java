package com.sociallive.gateway;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@code GET /health}: the gateway's own status with each service's, checked in parallel with a short timeout.
 * {@code UP} when all are up, {@code DEGRADED} (still 200: the gateway serves the others) when some are down.
 */
@RestController
class GatewayHealthController {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final ServicesProperties services;
    private final WebClient client;

    GatewayHealthController(ServicesProperties services) {
        this.services = services;
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    @GetMapping("/health")
    Mono<ResponseEntity<Map<String, Object>>> health() {
        return Flux.fromIterable(services.services().keySet())
                .flatMapSequential(name -> check(name).map(status -> Map.entry(name, status)))
                .collectList()
                .map(results -> {
                    Map<String, String> statuses = new LinkedHashMap<>();
                    results.forEach(e -> statuses.put(e.getKey(), e.getValue()));
                    boolean allUp = statuses.values().stream().allMatch("UP"::equals);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", allUp ? "UP" : "DEGRADED");
                    body.put("services", statuses);
                    return ResponseEntity.ok(body);
                });
    }

    private Mono<String> check(String name) {
        List<java.net.URI> instances = services.instancesOf(name);
        return Flux.fromIterable(instances)
                .flatMap(base -> client.get()
                        .uri(base.resolve("/health"))
                        .retrieve()
                        .bodyToMono(Map.class)
                        .map(body -> String.valueOf(body.get("status")))
                        .timeout(CHECK_TIMEOUT)
                        .onErrorReturn("DOWN"))
                .any("UP"::equals)
                .map(up -> up ? "UP" : "DOWN");
    }
}
