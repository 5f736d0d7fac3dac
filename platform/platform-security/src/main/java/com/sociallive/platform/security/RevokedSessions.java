package com.sociallive.platform.security;

/**
 * Sessions that were revoked while their access tokens may still be unexpired. The auth service answers from its
 * own database; every other service keeps a copy that it refreshes every few seconds.
 */
public interface RevokedSessions {

    boolean isRevoked(String sessionId);
}
