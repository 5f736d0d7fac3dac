package com.sociallive.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sociallive.platform.client.ServiceClients;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracing as the platform sets it up for every service, on a real server: a request's {@code traceparent} is
 * continued in the {@code ServiceClients} call it makes and in its JSON log lines, and spans leave the process over
 * OTLP/HTTP only when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (a stand-in collector receives them here).
 *
 * <p>Each test starts its own application, so that the variable can differ; they are passed as properties, which
 * the platform reads the same way as the environment variables.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Map<String, String>> downstreamCalls = new CopyOnWriteArrayList<>();
    private final List<byte[]> exports = new CopyOnWriteArrayList<>();
    private HttpServer downstream;
    private HttpServer collector;

    @BeforeEach
    void startStandIns() throws IOException {
        downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        downstream.createContext("/downstream", exchange -> {
            downstreamCalls.add(Map.of(
                    "traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")),
                    "X-Request-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id"))));
            byte[] body = "downstream answer".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        downstream.start();
        // an OTLP/HTTP receiver: POST /v1/traces with a protobuf ExportTraceServiceRequest, 200 with an empty answer
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                exports.add(exchange.getRequestBody().readAllBytes());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopStandIns() {
        downstream.stop(0);
        collector.stop(0);
    }

    @Test
    void shouldContinueTheCallersTraceInServiceCallsAndJsonLogs(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start(Map.of("LOG_FORMAT", "json"))) {
            HttpResponse<String> response = relay(app, "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01", "req-42");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("downstream answer");
            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42");
            Map<String, String> call = downstreamCalls.getLast();
            // same trace, a new span (the client span of the call), the caller's sampling decision kept
            assertThat(call.get("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
            assertThat(call.get("traceparent")).doesNotContain(CALLER_SPAN);
            assertThat(call.get("X-Request-Id")).isEqualTo("req-42");

            JsonNode line = logLine(output, "relaying to the downstream service");
            assertThat(line.path("traceId").asString()).isEqualTo(TRACE_ID);
            assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}").isNotEqualTo(CALLER_SPAN);
            assertThat(line.path("requestId").asString()).isEqualTo("req-42");
            assertThat(line.path("message").asString()).isEqualTo("relaying to the downstream service");
        }
    }

    @Test
    void shouldStartATraceWhenTheCallerSentNone(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start(Map.of("LOG_FORMAT", "json"))) {
            assertThat(relay(app, null, null).statusCode()).isEqualTo(200);

            String traceparent = downstreamCalls.getLast().get("traceparent");
            // export off: the new trace is not recorded (flags 00), but its ids travel and are logged
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
            String traceId = traceparent.substring(3, 35);
            assertThat(logLine(output, "relaying to the downstream service")
                            .path("traceId")
                            .asString())
                    .isEqualTo(traceId);
        }
    }

    @Test
    void shouldExportSpansOverOtlpWhenTheEndpointIsSet() throws Exception {
        String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
        try (ConfigurableApplicationContext app = start(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint))) {
            assertThat(relay(app, "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01", "req-43")
                            .statusCode())
                    .isEqualTo(200);

            byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
            // the server span of the request and the client span of the service call may come in separate exports
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                byte[] all = concat(exports);
                return contains(all, traceId)
                        && contains(all, "/relay".getBytes(StandardCharsets.UTF_8))
                        && contains(all, "/downstream".getBytes(StandardCharsets.UTF_8));
            });
            assertThat(contains(concat(exports), "tracing-test".getBytes(StandardCharsets.UTF_8)))
                    .as("service name in the exported resource")
                    .isTrue();
        }
    }

    @Test
    void shouldSendNothingWhenTheEndpointIsNotSet() throws Exception {
        try (ConfigurableApplicationContext app = start(Map.of())) {
            assertThat(relay(app, "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01", "req-44")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(relay(app, null, null).statusCode()).isEqualTo(200);

            assertThat(app.getBeanProvider(SpanExporter.class).stream()).isEmpty();
            Thread.sleep(1500); // fifteen times the export delay of these tests
            assertThat(exports).isEmpty();
            // propagation does not need the export
            assertThat(downstreamCalls.getFirst().get("traceparent")).contains(TRACE_ID);
        }
    }

    private ConfigurableApplicationContext start(Map<String, String> variables) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.application.name=tracing-test",
                "relay.url=http://127.0.0.1:" + downstream.getAddress().getPort(),
                "management.opentelemetry.tracing.export.schedule-delay=100ms",
                "sociallive.shutdown.drain-delay=0s"));
        variables.forEach((name, value) -> properties.add(name + "=" + value));
        // as command-line arguments: above application.properties, seen by the platform as the variables would be
        return new SpringApplicationBuilder(RelayApp.class)
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
    }

    private HttpResponse<String> relay(ConfigurableApplicationContext app, String traceparent, String requestId)
            throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/relay"))
                .timeout(Duration.ofSeconds(10));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode logLine(CapturedOutput output, String message) {
        List<JsonNode> lines = output.getOut()
                .lines()
                .filter(line -> line.startsWith("{") && line.contains(message))
                .map(json::readTree)
                .toList();
        assertThat(lines)
                .as("one JSON log line with '%s' in:%n%s", message, output.getOut())
                .isNotEmpty();
        return lines.getLast();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] concat(List<byte[]> exported) {
        List<byte[]> parts = List.copyOf(exported); // one snapshot: exports may still arrive
        int length = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A service with only the platform: one endpoint that logs a line and calls another service. */
    @EnableAutoConfiguration
    @Import(RelayController.class)
    static class RelayApp {}

    @RestController
    static class RelayController {

        private static final Logger log = LoggerFactory.getLogger(RelayController.class);
        private final RestClient downstream;

        RelayController(ServiceClients clients, @Value("${relay.url}") String url) {
            this.downstream = clients.restClient(url);
        }

        @GetMapping("/relay")
        String relay() {
            log.info("relaying to the downstream service");
            return downstream.get().uri("/downstream").retrieve().body(String.class);
        }
    }
}
