package com.sociallive.streaming.user;

import com.sociallive.platform.client.ServiceClients;
import com.sociallive.streaming.config.StreamingProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * User summaries from the auth service ({@code GET /users?ids=}), cached for {@code userCacheTtl} (~30 s). When the
 * auth service cannot answer, the caller's fallback (id and username known locally) is used and not cached, so a
 * slow or dead auth service never breaks a stream, a chat message or a gift.
 */
@Component
public class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);
    private static final int BATCH = 100;

    private final RestClient auth;
    private final Duration ttl;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    UserDirectory(
            ServiceClients clients,
            @Value("${sociallive.services.auth}") String authUrls,
            StreamingProperties properties) {
        this.auth = clients.restClient(authUrls.split(",")[0].trim(), Duration.ofSeconds(2));
        this.ttl = properties.userCacheTtl();
    }

    public PublicUserSummary summary(UUID id, String fallbackUsername) {
        return summaries(Map.of(id, fallbackUsername == null ? "" : fallbackUsername))
                .get(id);
    }

    /** Summaries of the given users (id → username to fall back on), in the same order. */
    public Map<UUID, PublicUserSummary> summaries(Map<UUID, String> idsWithFallback) {
        long now = System.nanoTime();
        Map<UUID, PublicUserSummary> found = new LinkedHashMap<>();
        Set<UUID> missing = new LinkedHashSet<>();
        for (UUID id : idsWithFallback.keySet()) {
            Cached cached = cache.get(id);
            if (cached != null && cached.expiresAt - now > 0) {
                found.put(id, cached.summary);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(fetch(missing, now));
        }
        Map<UUID, PublicUserSummary> result = new LinkedHashMap<>();
        idsWithFallback.forEach((id, username) -> {
            PublicUserSummary summary = found.get(id);
            result.put(
                    id,
                    summary != null
                            ? summary
                            : PublicUserSummary.fallback(id, username == null || username.isEmpty() ? null : username));
        });
        return result;
    }

    private Map<UUID, PublicUserSummary> fetch(Collection<UUID> ids, long now) {
        Map<UUID, PublicUserSummary> fetched = new LinkedHashMap<>();
        List<UUID> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += BATCH) {
            List<UUID> batch = list.subList(from, Math.min(list.size(), from + BATCH));
            try {
                UsersPage page = auth.get()
                        .uri(uri -> uri.path("/users")
                                .queryParam(
                                        "ids",
                                        batch.stream().map(UUID::toString).collect(Collectors.joining(",")))
                                .build())
                        .retrieve()
                        .body(UsersPage.class);
                if (page != null && page.items() != null) {
                    for (PublicUserSummary user : page.items()) {
                        if (user.id() != null) {
                            fetched.put(user.id(), user);
                            cache.put(user.id(), new Cached(user, now + ttl.toNanos()));
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("User lookup on the auth service failed, using local fallbacks: {}", e.toString());
            }
        }
        if (cache.size() > 100_000) {
            cache.entrySet().removeIf(entry -> entry.getValue().expiresAt - now <= 0);
        }
        return fetched;
    }

    private record Cached(PublicUserSummary summary, long expiresAt) {}

    private record UsersPage(List<PublicUserSummary> items) {}
}
