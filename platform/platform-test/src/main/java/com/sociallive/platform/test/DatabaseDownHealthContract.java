package com.sociallive.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A service whose database cannot be reached says so: {@code GET /health} is 503 with status DOWN. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:postgresql://127.0.0.1:9/unreachable",
            "spring.datasource.hikari.connection-timeout=500",
            "spring.datasource.hikari.initialization-fail-timeout=-1",
            "spring.flyway.enabled=false"
        })
public abstract class DatabaseDownHealthContract {

    @LocalServerPort
    int port;

    @Test
    void shouldReportDownWith503WhenDatabaseIsUnreachable() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"DOWN\"");
    }
}
