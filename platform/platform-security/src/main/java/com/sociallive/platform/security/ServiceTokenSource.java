package com.sociallive.platform.security;

/** Supplies this service's current service token (a short-lived JWT with role SERVICE). */
public interface ServiceTokenSource {

    String token();
}
