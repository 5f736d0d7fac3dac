package com.sociallive.platform.security;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as the same problem+json as every other error, with the Bearer challenge of RFC 6750. */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

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
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException {
        problems.write(
                request,
                response,
                new DomainException(CommonErrorCode.FORBIDDEN, "This token may not use this endpoint"));
    }
}
