package com.sociallive.gateway;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import com.sociallive.platform.trace.TracingDefaults;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.server.HttpServerRequest;
import reactor.util.context.ContextView;

/**
 * The headers of a proxied call (HTTP and WebSocket), made in one copy. Spring Cloud Gateway's default header filters
 * each copy all headers (and iterating Spring's {@link HttpHeaders} builds a case-insensitive set of all names each
 * time): five copies of the request headers and two of the response's, measured at over a tenth of the gateway's CPU
 * per request. This filter does what they did, in the order they did it, plus the gateway's own changes:
 *
 * <ul>
 *   <li>request: {@code Forwarded} and {@code X-Forwarded-*} dropped (no proxy in front of the gateway is trusted);
 *       {@code Content-Length} dropped from a chunked request; the hop-by-hop headers ({@code Connection},
 *       {@code Keep-Alive}, {@code Transfer-Encoding}, {@code TE}, {@code Trailer}, {@code Proxy-Authorization},
 *       {@code Proxy-Authenticate}, {@code X-Application-Context}, {@code Upgrade} and those named in
 *       {@code Connection}) dropped; {@code TE: trailers} for gRPC; and the gateway's: every {@code X-User-*} header
 *       dropped (a client may not claim an identity by header), the request's {@code X-Request-Id} set, and a child
 *       {@code traceparent} unless a client observation sets it ({@link #clientObservations});
 *   <li>response: the hop-by-hop headers dropped, and the service's echo of {@code X-Request-Id} (the gateway already
 *       answers with the id).
 * </ul>
 *
 * The filters it replaces are taken out of the context ({@link ReplacedHeaderFilters}); the client observation's
 * filter is replaced by one that instruments this filter's copy instead of making another ({@link
 * ObservedOwnHeaders}).
 */
final class ProxiedHeaders implements HttpHeadersFilter, Ordered {

    /** Spring Cloud Gateway's RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST (for requests and responses). */
    static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer",
            "proxy-authorization",
            "proxy-authenticate",
            "x-application-context",
            "upgrade");

    private static final String USER_HEADER_PREFIX = "x-user-";
    private static final String X_FORWARDED_PREFIX = "x-forwarded-";
    private static final String REQUEST_ID = RequestIds.HEADER.toLowerCase(Locale.ROOT);

    /** Spring's request of Reactor Netty: its headers are Netty's, read directly when nothing replaced them. */
    private static final Class<?> REACTOR_REQUEST =
            classOrNull("org.springframework.http.server.reactive.ReactorServerHttpRequest");

    private final Type type;

    private ProxiedHeaders(Type type) {
        this.type = type;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        List<String> connection = input.getConnection();
        OwnHeaders output = new OwnHeaders();
        if (type == Type.REQUEST) {
            String transferEncoding = input.getFirst(HttpHeaders.TRANSFER_ENCODING);
            boolean chunked = transferEncoding != null
                    && "chunked".equalsIgnoreCase(transferEncoding.trim())
                    && input.containsHeader(HttpHeaders.CONTENT_LENGTH);
            io.netty.handler.codec.http.HttpHeaders netty = nettyHeaders(input, exchange.getRequest());
            if (netty != null) {
                Iterator<Map.Entry<CharSequence, CharSequence>> headers = netty.iteratorCharSequence();
                while (headers.hasNext()) {
                    Map.Entry<CharSequence, CharSequence> header = headers.next();
                    String name = header.getKey().toString();
                    if (isForwarded(name.toLowerCase(Locale.ROOT), connection, chunked)) {
                        output.add(name, header.getValue().toString());
                    }
                }
            } else {
                for (Map.Entry<String, List<String>> header :
                        input.asMultiValueMap().entrySet()) {
                    if (isForwarded(header.getKey().toLowerCase(Locale.ROOT), connection, chunked)) {
                        output.addAll(header.getKey(), header.getValue());
                    }
                }
            }
            if (exchange.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
                output.set(RequestIds.HEADER, requestId);
            }
            if (exchange.getAttribute(RequestContextWebFilter.FORWARDED_TRACEPARENT_ATTRIBUTE)
                    instanceof String traceparent) {
                output.set(TraceParent.HEADER, traceparent);
            }
            String contentType = output.getFirst(HttpHeaders.CONTENT_TYPE);
            if (contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16)) {
                output.add("te", "trailers"); // as Spring Cloud Gateway's GRPCRequestHeadersFilter
            }
        } else {
            for (Map.Entry<String, List<String>> header :
                    input.asMultiValueMap().entrySet()) {
                String lower = header.getKey().toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(lower)
                        && !isConnectionOption(lower, connection)
                        && !lower.equals(REQUEST_ID)) {
                    output.addAll(header.getKey(), header.getValue());
                }
            }
        }
        return output;
    }

    private static boolean isForwarded(String lower, List<String> connection, boolean chunked) {
        return !HOP_BY_HOP.contains(lower)
                && !isConnectionOption(lower, connection)
                && !lower.equals("forwarded")
                && !lower.startsWith(X_FORWARDED_PREFIX)
                && !lower.startsWith(USER_HEADER_PREFIX)
                && !lower.equals(REQUEST_ID)
                && !(chunked && lower.equals("content-length"));
    }

    private static boolean isConnectionOption(String lower, List<String> connection) {
        for (int i = 0; i < connection.size(); i++) {
            if (connection.get(i).equalsIgnoreCase(lower)) {
                return true;
            }
        }
        return false;
    }

    /** Netty's headers of the request, when {@code input} is exactly them (the request was not rebuilt). */
    private static io.netty.handler.codec.http.HttpHeaders nettyHeaders(HttpHeaders input, ServerHttpRequest request) {
        if (REACTOR_REQUEST != null
                && request.getClass() == REACTOR_REQUEST
                && input == request.getHeaders()
                && ((AbstractServerHttpRequest) request).getNativeRequest() instanceof HttpServerRequest netty) {
            return netty.requestHeaders();
        }
        return null;
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name, false, ProxiedHeaders.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    @Override
    public boolean supports(Type type) {
        return this.type == type;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Headers this filter made for one call: the client observation may write its {@code traceparent} into them. */
    static final class OwnHeaders extends HttpHeaders {}

    /**
     * Whether proxied calls get a client observation of their own: a span (the parent of the service's) and the
     * {@code http_client_requests} timer. On when spans are exported ({@code OTEL_EXPORTER_OTLP_ENDPOINT}), else off:
     * without an exporter no span leaves the gateway, the service's parent is then named after the gateway's server
     * span, and {@code http_server_requests} (whose {@code uri} tag is the route) has the timings. A client
     * observation costs a few per cent of the gateway's CPU per request. {@code sociallive.gateway.client-observations}
     * (true or false) decides explicitly.
     */
    static boolean clientObservations(Environment environment) {
        Boolean explicit = environment.getProperty("sociallive.gateway.client-observations", Boolean.class);
        if (explicit != null) {
            return explicit;
        }
        return StringUtils.hasText(environment.getProperty(TracingDefaults.OTLP_ENDPOINT_VARIABLE))
                || StringUtils.hasText(
                        environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"));
    }

    /**
     * Spring Cloud Gateway's client observation (span, {@code traceparent}, {@code http_client_requests}), started
     * as its own filter does, but on the copy {@link ProxiedHeaders} made rather than on yet another; or none at all
     * ({@link #clientObservations}).
     */
    static final class ObservedOwnHeaders extends ObservedRequestHttpHeadersFilter {

        private final ObservationRegistry registry;
        private final GatewayObservationConvention convention;
        private final boolean observe;

        ObservedOwnHeaders(ObservationRegistry registry, GatewayObservationConvention convention, boolean observe) {
            super(registry, convention);
            this.registry = registry;
            this.convention = convention;
            this.observe = observe;
        }

        @Override
        public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
            if (!observe) {
                return input; // ProxiedHeaders set the traceparent
            }
            HttpHeaders carrier = input;
            if (!(input instanceof OwnHeaders)) {
                carrier = new HttpHeaders();
                carrier.putAll(input);
            }
            GatewayContext context = new GatewayContext(carrier, exchange.getRequest(), exchange);
            // what GatewayDocumentedObservation.GATEWAY_HTTP_CLIENT_OBSERVATION.observation(...) does (not public)
            Observation observation = Observation.createNotStarted(
                    convention, DefaultGatewayObservationConvention.INSTANCE, () -> context, registry);
            if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REACTOR_CONTEXT_ATTR)
                            instanceof ContextView reactorContext
                    && reactorContext.getOrDefault("micrometer.observation", null) instanceof Observation parent) {
                observation.parentObservation(parent);
            }
            observation.start();
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_OBSERVATION_ATTR, observation);
            return carrier;
        }
    }

    /**
     * Takes Spring Cloud Gateway's header filters that {@link ProxiedHeaders} replaces out of the context (they are
     * auto-configured unconditionally).
     */
    static final class ReplacedHeaderFilters implements BeanDefinitionRegistryPostProcessor {

        static final List<String> BEANS = List.of(
                "removeHopByHopHeadersFilter",
                "removeForwardedHeadersFilter",
                "removeXForwardedHeadersFilter",
                "gRPCRequestHeadersFilter",
                "transferEncodingNormalizationHeadersFilter");

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            for (String name : BEANS) {
                if (registry.containsBeanDefinition(name)) {
                    registry.removeBeanDefinition(name);
                }
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ProxiedHeadersConfiguration {

        @Bean
        static ReplacedHeaderFilters replacedHeaderFilters() {
            return new ReplacedHeaderFilters();
        }

        @Bean
        HttpHeadersFilter proxiedRequestHeaders() {
            return new ProxiedHeaders(Type.REQUEST);
        }

        @Bean
        HttpHeadersFilter proxiedResponseHeaders() {
            return new ProxiedHeaders(Type.RESPONSE);
        }

        @Bean
        ObservedRequestHttpHeadersFilter observedRequestHttpHeadersFilter(
                ObjectProvider<ObservationRegistry> registry,
                ObjectProvider<GatewayObservationConvention> convention,
                Environment environment) {
            return new ObservedOwnHeaders(
                    registry.getIfAvailable(() -> ObservationRegistry.NOOP),
                    convention.getIfAvailable(() -> null),
                    clientObservations(environment));
        }
    }
}
