package com.sociallive.gateway;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers the gateway changes on their way through, in the copy of them that Spring Cloud Gateway makes for each
 * proxied call (HTTP and WebSocket) rather than in copies of the whole request made by web filters before it:
 *
 * <ul>
 *   <li>to the service: every {@code X-User-*} header the client sent is dropped (a client may not claim an identity
 *       by header), the request's {@code X-Request-Id} is set, and so is a child {@code traceparent} where no tracer is
 *       at work (where one is, its client observation sets it);
 *   <li>from the service: its echo of {@code X-Request-Id} is dropped, as the gateway already answers with the id.
 * </ul>
 */
final class ForwardedRequestHeaders implements HttpHeadersFilter, Ordered {

    private static final String USER_HEADER_PREFIX = "x-user-";

    private final Type type;

    private ForwardedRequestHeaders(Type type) {
        this.type = type;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        // copyOf reads the names once from the underlying map; iterating HttpHeaders itself would first build a
        // case-insensitive set of all names
        HttpHeaders output = HttpHeaders.copyOf(input);
        output.remove(RequestIds.HEADER);
        if (type == Type.REQUEST) {
            output.asMultiValueMap()
                    .keySet()
                    .removeIf(name -> name.regionMatches(true, 0, USER_HEADER_PREFIX, 0, USER_HEADER_PREFIX.length()));
            if (exchange.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
                output.set(RequestIds.HEADER, requestId);
            }
            if (exchange.getAttribute(RequestContextWebFilter.FORWARDED_TRACEPARENT_ATTRIBUTE)
                    instanceof String traceparent) {
                output.set(TraceParent.HEADER, traceparent);
            }
        }
        return output;
    }

    @Override
    public boolean supports(Type type) {
        return this.type == type;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Configuration(proxyBeanMethods = false)
    static class ForwardedRequestHeadersConfiguration {

        @Bean
        HttpHeadersFilter forwardedRequestHeaders() {
            return new ForwardedRequestHeaders(Type.REQUEST);
        }

        @Bean
        HttpHeadersFilter forwardedResponseHeaders() {
            return new ForwardedRequestHeaders(Type.RESPONSE);
        }
    }
}
