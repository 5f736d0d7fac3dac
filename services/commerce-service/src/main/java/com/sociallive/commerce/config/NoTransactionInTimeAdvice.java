package com.sociallive.commerce.config;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A transaction that could not begin because no database connection came in time is the same busy moment that
 * platform-web's {@code DatabaseBusyAdvice} answers for a plain statement: 503 with Retry-After, nothing written. The
 * transaction manager wraps the pool's timeout in {@link CannotCreateTransactionException}, which that advice does not
 * see, so without this a burst answered 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NoTransactionInTimeAdvice {

    private static final Logger log = LoggerFactory.getLogger(NoTransactionInTimeAdvice.class);

    private final ProblemWriter problems;

    NoTransactionInTimeAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(CannotCreateTransactionException.class)
    void busy(HttpServletRequest request, HttpServletResponse response, CannotCreateTransactionException e)
            throws IOException {
        log.warn(
                "No transaction in time for {}: {}",
                request.getRequestURI(),
                e.getMostSpecificCause().toString());
        problems.write(
                request,
                response,
                new DomainException(CommonErrorCode.SERVICE_UNAVAILABLE, "The service is busy; retry shortly")
                        .withHeader("Retry-After", "1"));
    }
}
