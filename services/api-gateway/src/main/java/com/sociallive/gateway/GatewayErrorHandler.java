package com.sociallive.gateway;

import com.sociallive.gateway.upstream.NoHealthyInstanceException;
import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * Every error the gateway itself produces is problem+json: no route (404), a service that cannot be reached
 * (503 SERVICE_UNAVAILABLE, at once rather than after a hang) and one that answers too slowly (504 UPSTREAM_TIMEOUT).
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final GatewayProblems problems;

    GatewayErrorHandler(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            // part of an answer is out: the connection must be closed, or the client would wait for the rest forever
            return Mono.error(ex);
        }
        ErrorCode code;
        String detail;
        if (isConnectFailure(ex)) {
            code = CommonErrorCode.SERVICE_UNAVAILABLE;
            detail = "The service behind " + firstSegment(exchange) + " is not reachable; retry later";
        } else if (isTimeout(ex)) {
            code = CommonErrorCode.UPSTREAM_TIMEOUT;
            detail = "The service behind " + firstSegment(exchange) + " did not answer in time";
        } else if (ex instanceof ResponseStatusException status) {
            code = CommonErrorCode.forStatus(status.getStatusCode().value());
            detail = status.getStatusCode().value() == 404 ? "No such resource" : status.getReason();
        } else {
            try (var ids = RequestContextWebFilter.logContext(exchange)) {
                log.error("Unhandled gateway error on {}", exchange.getRequest().getPath(), ex);
            }
            code = CommonErrorCode.INTERNAL_ERROR;
            detail = "An unexpected error occurred";
        }
        return problems.write(exchange, code, detail);
    }

    private static boolean isConnectFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof IOException // refused, reset or closed before the answer
                    || t instanceof AbortedException // a pooled connection closed before the request was sent
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
            if (t instanceof ResponseStatusException status
                    && status.getStatusCode().value() == 503) {
                return true;
            }
            if (t instanceof ServiceUnavailableException
                    || t instanceof CallNotPermittedException
                    || t.getClass().getName().equals("io.github.resilience4j.bulkhead.BulkheadFullException")
                    || t instanceof NoHealthyInstanceException) {
                return true; // the breaker is open, a concurrency limit is full, or no instance is healthy
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof ResponseStatusException status
                    && status.getStatusCode().value() == 504) {
                return true;
            }
        }
        return false;
    }

    private static String firstSegment(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        int next = path.indexOf('/', 1);
        return next < 0 ? path : path.substring(0, next);
    }
}
