package com.sociallive.platform.web;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an {@code X-Request-Id} (echoed or generated), put in the MDC for the logs, and keeps the
 * request's trace context as a request attribute for {@code ServiceClient} and the error advice.
 *
 * <p>The trace itself is Micrometer Tracing's: the server observation (which runs before this filter) continues the
 * caller's {@code traceparent} or starts a trace, and puts {@code traceId} and {@code spanId} in the MDC. Only where
 * no tracer is at work does this filter read the header itself and put the trace id in the MDC.
 */
public class RequestContextFilter extends OncePerRequestFilter {

    private final Tracer tracer;

    public RequestContextFilter(Tracer tracer) {
        this.tracer = tracer == null ? Tracer.NOOP : tracer;
    }

    public RequestContextFilter() {
        this(Tracer.NOOP);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        Span span = tracer.currentSpan();
        boolean ownTrace = span == null;
        if (ownTrace) {
            TraceParent trace = TraceParent.continueOrStart(request.getHeader(TraceParent.HEADER));
            request.setAttribute(TraceParent.ATTRIBUTE, trace);
            MDC.put(TraceParent.MDC_KEY, trace.traceId());
        } else {
            TraceContext context = span.context();
            request.setAttribute(
                    TraceParent.ATTRIBUTE,
                    TraceParent.of(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled())));
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            if (ownTrace) {
                MDC.remove(TraceParent.MDC_KEY);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    static String traceIdOf(HttpServletRequest request) {
        Object trace = request.getAttribute(TraceParent.ATTRIBUTE);
        return trace instanceof TraceParent t ? t.traceId() : null;
    }
}
