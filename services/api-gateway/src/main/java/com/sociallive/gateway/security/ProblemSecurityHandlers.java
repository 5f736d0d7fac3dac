package com.sociallive.gateway.security;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.platform.error.CommonErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 at the edge as problem+json, with the Bearer challenge of RFC 6750. */
class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final GatewayProblems problems;

    ProblemSecurityHandlers(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || exchange.getRequest().getQueryParams().containsKey("access_token");
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"sociallive\"");
        String detail = tokenSent ? "The access token is invalid, expired or revoked" : "An access token is required";
        return problems.write(exchange, CommonErrorCode.UNAUTHENTICATED, detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, CommonErrorCode.FORBIDDEN, "This token may not use this endpoint");
    }
}
