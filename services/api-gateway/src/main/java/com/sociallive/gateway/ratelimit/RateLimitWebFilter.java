package com.sociallive.gateway.ratelimit;

import com.sociallive.gateway.GatewayProblems;
import com.sociallive.gateway.security.EdgeIdentity;
import com.sociallive.platform.error.CommonErrorCode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Takes a token from the caller's bucket before a request is routed, and answers 429 {@code RATE_LIMITED} with
 * {@code Retry-After} when it is empty. Runs after the edge check, so a caller with a valid token is counted by its
 * subject and everybody else by client IP. Health and actuator probes are never limited.
 */
class RateLimitWebFilter implements WebFilter, Ordered {

    /** Right after the edge security filter (-100), which finds the token subject. */
    static final int ORDER = -90;

    private static final List<PathPattern> EXEMPT = List.of(
            PathPatternParser.defaultInstance.parse("/health"),
            PathPatternParser.defaultInstance.parse("/*/health"),
            PathPatternParser.defaultInstance.parse("/actuator/**"));

    private final TokenBuckets buckets;
    private final RateLimitProperties properties;
    private final List<Rule> rules;
    private final GatewayProblems problems;

    RateLimitWebFilter(TokenBuckets buckets, RateLimitProperties properties, GatewayProblems problems) {
        this.buckets = buckets;
        this.properties = properties;
        this.problems = problems;
        this.rules = properties.routes().stream()
                .map(route -> new Rule(
                        route.name(),
                        PathPatternParser.defaultInstance.parse(route.path()),
                        route.methods().stream()
                                .map(m -> m.toUpperCase(Locale.ROOT))
                                .toList(),
                        route.limit()))
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern exempt : EXEMPT) {
            if (exempt.matches(path)) {
                return chain.filter(exchange);
            }
        }
        String method = exchange.getRequest().getMethod().name();
        Rule rule = null;
        for (Rule candidate : rules) {
            if (candidate.matches(path, method)) {
                rule = candidate;
                break;
            }
        }
        String subject = EdgeIdentity.subject(exchange);
        boolean anonymous = subject == null;
        String who = anonymous ? "ip:" + clientIp(exchange) : "user:" + subject;
        String bucket = rule != null ? rule.name() : anonymous ? "anonymous" : "user";
        RateLimitProperties.Limit limit =
                rule != null ? rule.limit() : anonymous ? properties.anonymous() : properties.user();
        return buckets.take(bucket + ":" + who, limit).flatMap(verdict -> {
            if (verdict.allowed()) {
                return chain.filter(exchange);
            }
            long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            return problems.write(
                    exchange, CommonErrorCode.RATE_LIMITED, "Too many requests; retry after " + seconds + " s");
        });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static String clientIp(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private record Rule(String name, PathPattern path, List<String> methods, RateLimitProperties.Limit limit) {

        boolean matches(PathContainer requestPath, String method) {
            return (methods.isEmpty() || methods.contains(method)) && path.matches(requestPath);
        }
    }
}
