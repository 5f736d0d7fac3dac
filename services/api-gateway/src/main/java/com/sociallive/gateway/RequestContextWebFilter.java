package com.sociallive.gateway;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} (echoed or generated), answers with it, and keeps it and the request's
 * trace context as exchange attributes, for problem answers, log lines and {@link ProxiedHeaders}, which
 * passes the id on to the service behind the route. The request itself is not copied or wrapped here: the headers
 * are set once, on the copy that goes to the service.
 *
 * <p>The trace is Micrometer Tracing's: the server observation continues the caller's {@code traceparent} (or starts
 * a trace), and the service gets a {@code traceparent} of the same trace with a new span id: from Spring Cloud
 * Gateway's client observation of the proxied call when there is one, else derived here from the server span (or,
 * where no tracer is at work, from the caller's header).
 */
@Component
class RequestContextWebFilter implements WebFilter, Ordered {

    private static final String SPAN_ID_MDC_KEY = "spanId";

    /**
     * The {@code traceparent} to send the service when no client observation sets one: where no tracer is at work, or
     * where proxied calls are not observed ({@link ProxiedHeaders#clientObservations}).
     */
    static final String FORWARDED_TRACEPARENT_ATTRIBUTE = RequestContextWebFilter.class.getName() + ".traceparent";

    private final boolean clientObservations;

    RequestContextWebFilter(Environment environment) {
        this.clientObservations = ProxiedHeaders.clientObservations(environment);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String requestId =
                GatewayRequestIds.acceptOrGenerate(request.getHeaders().getFirst(RequestIds.HEADER));
        Span span = serverSpan(exchange);
        Map<String, Object> attributes = exchange.getAttributes();
        TraceParent trace;
        if (span != null) {
            TraceContext context = span.context();
            trace = TraceParent.of(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
            if (!clientObservations) {
                // no client span: the service's parent is the gateway's server span, the call gets a span id
                attributes.put(FORWARDED_TRACEPARENT_ATTRIBUTE, GatewayRequestIds.childTraceparent(trace));
            }
        } else {
            trace = TraceParent.continueOrStart(request.getHeaders().getFirst(TraceParent.HEADER));
            attributes.put(FORWARDED_TRACEPARENT_ATTRIBUTE, trace.child().header());
        }
        attributes.put(RequestIds.ATTRIBUTE, requestId);
        attributes.put(TraceParent.ATTRIBUTE, trace);
        // the service's answer echoes the id too: ProxiedHeaders drops that copy, so it is not doubled
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        return chain.filter(exchange);
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
