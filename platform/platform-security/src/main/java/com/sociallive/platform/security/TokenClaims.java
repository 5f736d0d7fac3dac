package com.sociallive.platform.security;

/** The claims of the access and service tokens that the auth service signs (API.md, Auth). */
public final class TokenClaims {

    public static final String USERNAME = "username";
    public static final String ROLES = "roles";
    /** The refresh-session ("family") id: revoking the session refuses every access token carrying it. */
    public static final String SESSION_ID = "sid";
    /** Present only on service tokens: the calling service's name. */
    public static final String SERVICE = "svc";

    public static final String ROLE_SERVICE = "SERVICE";
    public static final String ROLE_ADMIN = "ADMIN";
    public static final String ROLE_USER = "USER";

    private TokenClaims() {}
}
