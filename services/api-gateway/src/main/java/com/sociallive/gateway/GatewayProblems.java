package com.sociallive.gateway;

import com.sociallive.platform.error.ErrorCode;
import com.sociallive.platform.error.Problems;
import com.sociallive.platform.trace.TraceParent;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes the same problem+json as the services do, from the reactive gateway. */
@Component
public class GatewayProblems {

    private final JsonMapper json;

    GatewayProblems(JsonMapper json) {
        this.json = json;
    }

    private static boolean mayHaveUnreadBody(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Object trace = exchange.getAttribute(TraceParent.ATTRIBUTE);
        String traceId = trace instanceof TraceParent t ? t.traceId() : null;
        ProblemDetail problem =
                Problems.of(code, detail, exchange.getRequest().getPath().value(), traceId);
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(HttpStatus.valueOf(code.status()));
        response.getHeaders().setContentType(Problems.PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        if (code.status() == 503 && !response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
            // a breaker opens for seconds and a health check runs every 2 s: worth a retry soon, not at once
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
        if (mayHaveUnreadBody(exchange)) {
            // an answer given before the request body was read (413, 429, 401 on a POST) would leave that body on a
            // kept-alive connection, where it would be taken for the start of the client's next request
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
