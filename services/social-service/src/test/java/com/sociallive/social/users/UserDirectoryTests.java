package com.sociallive.social.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.platform.client.ServiceClientProperties;
import com.sociallive.platform.client.ServiceClients;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserDirectoryTests {

    private HttpServer auth;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final Map<UUID, String> displayNames = new ConcurrentHashMap<>();
    private volatile int status = 200;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void startAuth() throws Exception {
        auth = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        auth.createContext("/users", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            queries.add(query);
            StringBuilder items = new StringBuilder();
            for (String id : query.substring("ids=".length()).split(",")) {
                String name = displayNames.get(UUID.fromString(id));
                if (name != null) {
                    if (!items.isEmpty()) {
                        items.append(',');
                    }
                    items.append("{\"id\":\"%s\",\"username\":\"u%s\",\"displayName\":\"%s\",\"avatarUrl\":null,"
                                    .formatted(id, id.substring(0, 4), name))
                            .append("\"bio\":\"ignored\",\"roles\":[\"USER\"],\"createdAt\":\"2026-01-01T00:00:00Z\"}");
                }
            }
            byte[] body = (status == 200 ? "{\"items\":[" + items + "]}" : "{\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        auth.start();
    }

    @AfterEach
    void stopAuth() {
        auth.stop(0);
    }

    @Test
    void shouldFetchAPageOfAuthorsInOneCallAndThenFromTheCache() {
        UserDirectory directory =
                directory("http://127.0.0.1:" + auth.getAddress().getPort());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            displayNames.put(id, "Name " + i);
            ids.add(id);
        }
        Map<UUID, PublicUserSummary> page = directory.summaries(ids);
        assertThat(queries).hasSize(1);
        assertThat(page).hasSize(20);
        assertThat(page.get(ids.get(3)).displayName()).isEqualTo("Name 3");

        directory.summaries(ids);
        directory.summaries(ids.subList(0, 5));
        assertThat(queries).hasSize(1);
    }

    @Test
    void shouldShowAChangedDisplayNameAfterTheTtl() {
        UserDirectory directory =
                directory("http://127.0.0.1:" + auth.getAddress().getPort());
        UUID id = UUID.randomUUID();
        displayNames.put(id, "Old");
        assertThat(directory.summary(id).displayName()).isEqualTo("Old");
        displayNames.put(id, "New");
        clock.advance(Duration.ofSeconds(20));
        assertThat(directory.summary(id).displayName()).isEqualTo("Old");
        clock.advance(Duration.ofSeconds(11));
        assertThat(directory.summary(id).displayName()).isEqualTo("New");
    }

    @Test
    void shouldDegradeToIdOnlyWhenAuthIsDownAndServeStaleEntries() {
        UserDirectory directory =
                directory("http://127.0.0.1:" + auth.getAddress().getPort());
        UUID known = UUID.randomUUID();
        UUID never = UUID.randomUUID();
        displayNames.put(known, "Known");
        displayNames.put(never, "Never seen");
        directory.summary(known);
        clock.advance(Duration.ofMinutes(5));
        status = 503;

        Map<UUID, PublicUserSummary> page = directory.summaries(List.of(known, never));
        assertThat(page.get(known).displayName()).isEqualTo("Known");
        assertThat(page.get(never)).isEqualTo(PublicUserSummary.idOnly(never));
        assertThat(directory.find(never)).isInstanceOf(UserDirectory.Lookup.Unavailable.class);

        // while the failure is fresh, pages do not wait on auth again
        int calls = queries.size();
        directory.summaries(List.of(never));
        assertThat(queries).hasSize(calls);
    }

    @Test
    void shouldDegradeWhenNothingListens() throws Exception {
        UserDirectory directory = directory("http://127.0.0.1:9");
        UUID id = UUID.randomUUID();
        assertThat(directory.summary(id)).isEqualTo(PublicUserSummary.idOnly(id));
        assertThat(directory.find(id)).isInstanceOf(UserDirectory.Lookup.Unavailable.class);
    }

    @Test
    void shouldTellUnknownUsersAndAskAgainForThem() {
        UserDirectory directory =
                directory("http://127.0.0.1:" + auth.getAddress().getPort());
        UUID id = UUID.randomUUID();
        assertThat(directory.find(id)).isInstanceOf(UserDirectory.Lookup.Unknown.class);
        assertThat(directory.summary(id)).isEqualTo(PublicUserSummary.idOnly(id));
        displayNames.put(id, "Registered");
        assertThat(directory.find(id))
                .isInstanceOfSatisfying(
                        UserDirectory.Lookup.Known.class,
                        k -> assertThat(k.user().displayName()).isEqualTo("Registered"));
    }

    @Test
    void shouldSplitLookupsOfMoreThanOneHundredIds() {
        UserDirectory directory =
                directory("http://127.0.0.1:" + auth.getAddress().getPort());
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(UUID.randomUUID());
        }
        directory.summaries(ids);
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0).split(",")).hasSize(100);
    }

    private UserDirectory directory(String url) {
        ServiceClients clients = new ServiceClients(
                "social-service", new ServiceClientProperties(Duration.ofSeconds(2), Duration.ofSeconds(5)), List.of());
        UserDirectoryProperties properties = new UserDirectoryProperties(
                url,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5), // generous: the build machine is shared; these tests are not about timeouts
                Duration.ofSeconds(2),
                1000);
        return new UserDirectory(clients, properties, clock);
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-28T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
