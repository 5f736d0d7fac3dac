package com.sociallive.gateway;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} (echoed or generated), answers with it and passes it on to the
 * service behind the route, and keeps the request's trace context as an exchange attribute for problem answers.
 *
 * <p>The trace is Micrometer Tracing's: the server observation continues the caller's {@code traceparent} (or starts
 * a trace), and Spring Cloud Gateway's client observation of the proxied call sends the service a child
 * {@code traceparent} of the same trace. Only where no tracer is at work does this filter derive the header itself.
 */
@Component
class RequestContextWebFilter implements WebFilter, Ordered {

    private static final String SPAN_ID_MDC_KEY = "spanId";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String requestId = RequestIds.acceptOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER));
        Span span = serverSpan(exchange);
        TraceParent trace;
        if (span != null) {
            TraceContext context = span.context();
            trace = TraceParent.of(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
        } else {
            trace = TraceParent.continueOrStart(request.getHeaders().getFirst(TraceParent.HEADER));
        }
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, requestId);
        exchange.getAttributes().put(TraceParent.ATTRIBUTE, trace);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        // the service behind the route echoes the id too; without this the answer would carry it twice
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        ServerHttpRequest forwarded = request.mutate()
                .headers(h -> {
                    h.set(RequestIds.HEADER, requestId);
                    if (span == null) {
                        h.set(TraceParent.HEADER, trace.child().header());
                    }
                })
                .build();
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    /**
     * Puts the exchange's request id and trace ids in the MDC until closed, for a log line written about the request
     * (a reactive pipeline hops threads, so the MDC is not kept along it).
     */
    static LogContext logContext(ServerWebExchange exchange) {
        if (exchange.getAttribute(TraceParent.ATTRIBUTE) instanceof TraceParent trace) {
            MDC.put(TraceParent.MDC_KEY, trace.traceId());
            MDC.put(SPAN_ID_MDC_KEY, trace.spanId());
        }
        if (exchange.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        return () -> {
            MDC.remove(TraceParent.MDC_KEY);
            MDC.remove(SPAN_ID_MDC_KEY);
            MDC.remove(RequestIds.MDC_KEY);
        };
    }

    interface LogContext extends AutoCloseable {
        @Override
        void close();
    }

    /** The span of this request's server observation, when tracing is at work. */
    private static Span serverSpan(ServerWebExchange exchange) {
        ServerRequestObservationContext observation = ServerRequestObservationContext.findCurrent(
                        exchange.getAttributes())
                .orElse(null);
        if (observation == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing =
                observation.get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
