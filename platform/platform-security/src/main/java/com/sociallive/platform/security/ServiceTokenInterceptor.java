package com.sociallive.platform.security;

import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/** Adds this service's service token to every {@code ServiceClients} call that carries no other credentials. */
class ServiceTokenInterceptor implements ClientHttpRequestInterceptor {

    private final ServiceTokenSource tokens;

    ServiceTokenInterceptor(ServiceTokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) && !isTokenRequest(request)) {
            request.getHeaders().setBearerAuth(tokens.token());
        }
        return execution.execute(request, body);
    }

    private static boolean isTokenRequest(HttpRequest request) {
        return request.getURI().getPath().endsWith("/oauth/token");
    }
}
