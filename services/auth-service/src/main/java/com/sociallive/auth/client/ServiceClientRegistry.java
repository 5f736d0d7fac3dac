package com.sociallive.auth.client;

import com.sociallive.auth.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The services that may obtain service tokens ({@code SERVICE_CLIENTS=name:secret,...}). Secrets are compared as
 * SHA-256 digests in constant time; an unknown client costs the same comparison.
 */
@Component
class ServiceClientRegistry {

    private static final byte[] NO_SECRET = digest("no client has this secret");

    private final Map<String, byte[]> secretDigests;

    ServiceClientRegistry(AuthProperties properties) {
        this.secretDigests = properties.clients().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> digest(e.getValue())));
    }

    boolean authenticates(String clientId, String secret) {
        byte[] expected = secretDigests.getOrDefault(clientId, NO_SECRET);
        boolean equal = MessageDigest.isEqual(expected, digest(secret));
        return equal && secretDigests.containsKey(clientId);
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
