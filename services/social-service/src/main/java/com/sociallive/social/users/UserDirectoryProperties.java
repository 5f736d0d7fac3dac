package com.sociallive.social.users;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sociallive.social.users.*}: where user profiles come from and how long they are cached.
 *
 * @param baseUrl the auth service (one or several comma-separated instances)
 * @param ttl how long a fetched profile is served from the cache; a changed display name shows after at most this
 * @param negativeTtl how long "the auth service does not know this id" is remembered for list rendering
 * @param readTimeout read timeout of a lookup; a slow auth service degrades authors instead of slowing pages
 * @param failureBackoff after a failed lookup, how long lookups are skipped (answers stay fast while auth is down)
 * @param maxEntries cache size above which expired entries are dropped
 */
@ConfigurationProperties("sociallive.social.users")
public record UserDirectoryProperties(
        @DefaultValue("http://localhost:3001") String baseUrl,
        @DefaultValue("30s") Duration ttl,
        @DefaultValue("10s") Duration negativeTtl,
        @DefaultValue("1s") Duration readTimeout,
        @DefaultValue("2s") Duration failureBackoff,
        @DefaultValue("100000") int maxEntries) {}
