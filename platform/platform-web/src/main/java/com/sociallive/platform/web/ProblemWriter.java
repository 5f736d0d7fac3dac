package com.sociallive.platform.web;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem+json straight to a servlet response, for code that runs outside Spring MVC (filters, security entry
 * points) and must answer exactly like the error advice does.
 */
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, DomainException error)
            throws IOException {
        ProblemDetail problem = Problems.of(
                error.code(), error.getMessage(), request.getRequestURI(), RequestContextFilter.traceIdOf(request));
        Problems.withViolations(problem, error.violations());
        error.headers().forEach(response::setHeader);
        response.setStatus(problem.getStatus());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
