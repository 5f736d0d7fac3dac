package com.sociallive.social.users;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.sociallive.platform.client.ServiceClients;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * User profiles from the auth service ({@code GET /users?ids=a,b,...}), with a local time-to-live cache: a page of
 * posts costs at most one call, usually none, and a changed display name shows within {@code ttl}. When the auth
 * service fails, stale entries are served, and users never seen get a degraded id-only summary instead of an error.
 */
public class UserDirectory {

    /** What the auth service says about one user id. */
    public sealed interface Lookup {
        record Known(PublicUserSummary user) implements Lookup {}

        record Unknown() implements Lookup {}

        record Unavailable() implements Lookup {}
    }

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private record Entry(PublicUserSummary user, Instant fetchedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthUser(UUID id, String username, String displayName, String avatarUrl) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthUsers(List<AuthUser> items) {}

    private final ConcurrentHashMap<UUID, Entry> cache = new ConcurrentHashMap<>();
    private final List<RestClient> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final UserDirectoryProperties properties;
    private final Clock clock;
    private volatile Instant skipRemoteUntil = Instant.MIN;

    public UserDirectory(ServiceClients clients, UserDirectoryProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        List<RestClient> list = new ArrayList<>();
        for (String url : properties.baseUrl().split(",")) {
            if (!url.isBlank()) {
                list.add(clients.restClient(url.trim(), properties.readTimeout()));
            }
        }
        this.instances = List.copyOf(list);
    }

    /**
     * A summary for every id, in one auth call at most for those not cached: the cached or fetched profile, or the
     * degraded id-only form when the auth service does not know the user or cannot be reached.
     */
    public Map<UUID, PublicUserSummary> summaries(Collection<UUID> ids) {
        Instant now = clock.instant();
        Map<UUID, PublicUserSummary> out = new HashMap<>();
        Set<UUID> missing = new LinkedHashSet<>();
        for (UUID id : ids) {
            Entry entry = cache.get(id);
            if (entry != null && fresh(entry, now)) {
                out.put(id, entry.user() == null ? PublicUserSummary.idOnly(id) : entry.user());
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Map<UUID, PublicUserSummary> fetched = fetch(missing, now);
            for (UUID id : missing) {
                PublicUserSummary user = fetched == null ? staleOf(id) : fetched.get(id);
                out.put(id, user == null ? PublicUserSummary.idOnly(id) : user);
            }
        }
        return out;
    }

    public PublicUserSummary summary(UUID id) {
        return summaries(List.of(id)).get(id);
    }

    /**
     * Whether the auth service knows the user. A positive cache entry is trusted; "unknown" is always asked again,
     * so a user who registered a moment ago can be followed at once.
     */
    public Lookup find(UUID id) {
        Instant now = clock.instant();
        Entry entry = cache.get(id);
        if (entry != null && entry.user() != null && fresh(entry, now)) {
            return new Lookup.Known(entry.user());
        }
        Map<UUID, PublicUserSummary> fetched = fetchIgnoringBackoff(Set.of(id), now);
        if (fetched == null) {
            return new Lookup.Unavailable();
        }
        PublicUserSummary user = fetched.get(id);
        return user == null ? new Lookup.Unknown() : new Lookup.Known(user);
    }

    private boolean fresh(Entry entry, Instant now) {
        var ttl = entry.user() == null ? properties.negativeTtl() : properties.ttl();
        return entry.fetchedAt().plus(ttl).isAfter(now);
    }

    private PublicUserSummary staleOf(UUID id) {
        Entry entry = cache.get(id);
        return entry == null ? null : entry.user();
    }

    /** Null when the auth service could not be asked. */
    private Map<UUID, PublicUserSummary> fetch(Set<UUID> ids, Instant now) {
        if (now.isBefore(skipRemoteUntil)) {
            return null;
        }
        return fetchIgnoringBackoff(ids, now);
    }

    private Map<UUID, PublicUserSummary> fetchIgnoringBackoff(Set<UUID> ids, Instant now) {
        if (instances.isEmpty()) {
            return null;
        }
        Map<UUID, PublicUserSummary> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        try {
            for (int from = 0; from < all.size(); from += BATCH) {
                List<UUID> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
                String joined = chunk.stream().map(UUID::toString).collect(Collectors.joining(","));
                AuthUsers answer;
                try {
                    answer = lookup(joined);
                } catch (ResourceAccessException e) {
                    // an I/O failure (often a pooled keep-alive connection the server has just closed): the GET is
                    // safe to repeat once, on the next instance when there are several
                    answer = lookup(joined);
                }
                if (answer != null && answer.items() != null) {
                    for (AuthUser user : answer.items()) {
                        if (user != null && user.id() != null) {
                            found.put(
                                    user.id(),
                                    new PublicUserSummary(
                                            user.id(), user.username(), user.displayName(), user.avatarUrl()));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            skipRemoteUntil = now.plus(properties.failureBackoff());
            log.warn("User lookup at the auth service failed, serving degraded authors: {}", e.toString());
            return null;
        }
        if (cache.size() + ids.size() > properties.maxEntries()) {
            evictExpired(now);
        }
        for (UUID id : ids) {
            cache.put(id, new Entry(found.get(id), now));
        }
        return found;
    }

    private AuthUsers lookup(String joinedIds) {
        return instance()
                .get()
                .uri(uri -> uri.path("/users").queryParam("ids", joinedIds).build())
                .retrieve()
                .body(AuthUsers.class);
    }

    private RestClient instance() {
        return instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
    }

    private void evictExpired(Instant now) {
        cache.entrySet().removeIf(e -> !fresh(e.getValue(), now));
        if (cache.size() > properties.maxEntries()) {
            cache.clear();
        }
    }
}
