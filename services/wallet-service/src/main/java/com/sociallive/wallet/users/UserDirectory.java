package com.sociallive.wallet.users;

import com.sociallive.platform.client.ServiceClients;
import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the auth service ({@code GET /users/{id}}) whether a user exists. Users are never deleted, so a positive
 * answer is remembered.
 */
@Component
public class UserDirectory {

    private static final int CACHE_LIMIT = 100_000;

    private final RestClient auth;
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();

    UserDirectory(ServiceClients clients, @Value("${sociallive.services.auth}") String authUrls) {
        this.auth = clients.restClient(authUrls.split(",")[0].trim());
    }

    /**
     * @return whether the user exists
     * @throws DomainException SERVICE_UNAVAILABLE when the auth service cannot tell
     */
    public boolean exists(UUID userId) {
        if (known.contains(userId)) {
            return true;
        }
        try {
            auth.get().uri("/users/{id}", userId).retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.NotFound e) {
            return false;
        } catch (RestClientException e) {
            throw new DomainException(
                    CommonErrorCode.SERVICE_UNAVAILABLE, "The user directory cannot be reached; retry later");
        }
        if (known.size() > CACHE_LIMIT) {
            known.clear();
        }
        known.add(userId);
        return true;
    }
}
