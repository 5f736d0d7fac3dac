package com.sociallive.platform.security;

/**
 * The service that made an {@code /internal/**} call, from its service token. Declare it as a controller method
 * parameter on internal endpoints.
 */
public record CallingService(String name) {}
