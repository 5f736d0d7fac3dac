package com.sociallive.gateway;

import com.sociallive.platform.error.CommonErrorCode;
import java.util.regex.Pattern;
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

    private static final Pattern INTERNAL = Pattern.compile("^/+[^/]+/+internal([/;].*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN_ENDPOINT = Pattern.compile("^/+auth/+oauth([/;].*)?$", Pattern.CASE_INSENSITIVE);

    private final GatewayProblems problems;

    InternalPathsWebFilter(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getURI().getPath();
        if (path != null
                && (INTERNAL.matcher(path).matches()
                        || TOKEN_ENDPOINT.matcher(path).matches())) {
            return problems.write(exchange, CommonErrorCode.NOT_FOUND, "No such resource");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
