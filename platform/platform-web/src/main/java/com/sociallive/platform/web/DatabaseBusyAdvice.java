package com.sociallive.platform.web;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that found no free database connection in time (a burst such as a flash sale) is told to retry: 503
 * SERVICE_UNAVAILABLE with Retry-After, not a 500. Nothing was written. Active where Spring JDBC is on the class
 * path (every service but the gateway). The transaction manager wraps the same pool timeout in
 * {@link CannotCreateTransactionException} when it happens as a transaction begins.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseBusyAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBusyAdvice.class);

    private final ProblemWriter problems;

    DatabaseBusyAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class})
    void busy(HttpServletRequest request, HttpServletResponse response, Exception e) throws IOException {
        log.warn(
                "No database connection in time for {}: {}",
                request.getRequestURI(),
                e.getCause() == null ? e.getMessage() : e.getCause().toString());
        problems.write(
                request,
                response,
                new DomainException(CommonErrorCode.SERVICE_UNAVAILABLE, "The service is busy; retry shortly")
                        .withHeader("Retry-After", "1"));
    }
}
