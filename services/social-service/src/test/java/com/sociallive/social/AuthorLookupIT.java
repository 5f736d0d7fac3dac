package com.sociallive.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.test.TestAuthServer;
import com.sociallive.social.ApiClient.User;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Authors come from the auth service in one batch call per page. The user lookups go to a counting stand-in, and
 * the cache lives 1 ms here, so that every page has to ask: a page of 20 posts by 20 authors costs exactly one call,
 * and a changed display name shows on the next page.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sociallive.social.users.ttl=1ms", "sociallive.social.users.negative-ttl=1ms"})
class AuthorLookupIT {

    static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    static final Map<String, String> NAMES = new ConcurrentHashMap<>();
    static final HttpServer USERS = start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void usersFromCountingServer(DynamicPropertyRegistry registry) {
        registry.add(
                "sociallive.social.users.base-url",
                () -> "http://127.0.0.1:" + USERS.getAddress().getPort());
    }

    @Test
    void shouldFetchAllAuthorsOfAPageInOneCallAndShowNewNames() {
        ApiClient api = new ApiClient(port);
        User reader = User.register("reader");
        List<User> authors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            User author = User.register("author" + i);
            authors.add(author);
            NAMES.put(author.id().toString(), "Author " + i);
            api.post(reader, "/follows", "{\"userId\":\"" + author.id() + "\"}").expect(200);
            api.publish(author, "post " + i);
        }

        int before = QUERIES.size();
        JsonNode items = api.get(reader, "/feed?limit=20").expect(200).items();
        assertThat(QUERIES.size() - before).isEqualTo(1);
        assertThat(QUERIES.getLast().split(",")).hasSize(20);
        assertThat(items).hasSize(20);
        assertThat(items.get(0).path("author").path("displayName").asString()).isEqualTo("Author 19");

        NAMES.put(authors.get(19).id().toString(), "Renamed");
        JsonNode again = api.get(reader, "/feed?limit=20").expect(200).items();
        assertThat(again.get(0).path("author").path("displayName").asString()).isEqualTo("Renamed");
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/users", exchange -> {
                String ids = exchange.getRequestURI().getQuery().substring("ids=".length());
                QUERIES.add(ids);
                List<String> items = new ArrayList<>();
                for (String id : ids.split(",")) {
                    String name = NAMES.getOrDefault(id, "Someone");
                    items.add("{\"id\":\"%s\",\"username\":\"u_%s\",\"displayName\":\"%s\",\"avatarUrl\":null}"
                            .formatted(id, id.substring(0, 8), name));
                }
                byte[] body = ("{\"items\":[" + String.join(",", items) + "]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            TestAuthServer.get(); // tokens still come from the stand-in auth service
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
