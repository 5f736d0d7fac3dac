package com.sociallive.platform.security;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * 401 and 403 as the same problem+json as every other error, with the Bearer challenge of RFC 6750; a token that could
 * not be checked because the auth service's keys could not be fetched is 503 with Retry-After (the client's token may
 * well be good).
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final ProblemWriter problems;

    ProblemSecurityHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        boolean tokenSent = request.getHeader("Authorization") != null;
        response.setHeader(
                "WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"sociallive\"");
        String detail = tokenSent ? "The access token is invalid, expired or revoked" : "An access token is required";
        problems.write(request, response, new DomainException(CommonErrorCode.UNAUTHENTICATED, detail));
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof AuthenticationServiceException) {
            log.warn("Could not check an access token for {}: {}", request.getRequestURI(), exception.getMessage());
            problems.write(
                    request,
                    response,
                    new DomainException(
                                    CommonErrorCode.SERVICE_UNAVAILABLE,
                                    "The access token cannot be checked right now; retry shortly")
                            .withHeader("Retry-After", "1"));
            return;
        }
        commence(request, response, exception);
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException {
        problems.write(
                request,
                response,
                new DomainException(CommonErrorCode.FORBIDDEN, "This token may not use this endpoint"));
    }
}
