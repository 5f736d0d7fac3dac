package com.sociallive.gateway;

import com.sociallive.platform.error.CommonErrorCode;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code /<service>/internal/**} is for service-to-service calls only, and so is the auth service's token endpoint
 * for service credentials ({@code /auth/oauth/**}): the gateway answers 404 as if they did not exist.
 */
@Component
class InternalPathsWebFilter implements WebFilter, Ordered {

    private final GatewayProblems problems;

    InternalPathsWebFilter(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getURI().getPath();
        if (path != null && isHidden(path)) {
            return problems.write(exchange, CommonErrorCode.NOT_FOUND, "No such resource");
        }
        return chain.filter(exchange);
    }

    /**
     * {@code ^/+[^/]+/+internal([/;].*)?$} or {@code ^/+auth/+oauth([/;].*)?$}, case-insensitive, on the decoded path
     * ({@code /social/%69nternal} is hidden too), checked without regular expressions.
     */
    static boolean isHidden(String path) {
        int start = skipSlashes(path, 0);
        if (start == 0 || start == path.length()) {
            return false; // no leading slash, or nothing after it
        }
        int end = path.indexOf('/', start);
        if (end < 0) {
            return false; // one segment only
        }
        int second = skipSlashes(path, end);
        return isSegment(path, second, "internal")
                || (end - start == 4
                        && path.regionMatches(true, start, "auth", 0, 4)
                        && isSegment(path, second, "oauth"));
    }

    private static int skipSlashes(String path, int from) {
        int i = from;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return i;
    }

    /** {@code name} at {@code from}, then the end of the path, a slash or a semicolon. */
    private static boolean isSegment(String path, int from, String name) {
        int after = from + name.length();
        if (after > path.length() || !path.regionMatches(true, from, name, 0, name.length())) {
            return false;
        }
        return after == path.length() || path.charAt(after) == '/' || path.charAt(after) == ';';
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
