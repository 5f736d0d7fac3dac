package com.sociallive.platform.web;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an {@code X-Request-Id} (echoed or generated) and a W3C trace context, puts both in the MDC
 * for the logs and in request attributes for {@code ServiceClient} and the error advice.
 */
public class RequestContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        TraceParent trace = TraceParent.continueOrStart(request.getHeader(TraceParent.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        request.setAttribute(TraceParent.ATTRIBUTE, trace);
        response.setHeader(RequestIds.HEADER, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        MDC.put(TraceParent.MDC_KEY, trace.traceId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            MDC.remove(TraceParent.MDC_KEY);
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
