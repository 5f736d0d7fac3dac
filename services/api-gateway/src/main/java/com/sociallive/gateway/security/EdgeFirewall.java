package com.sociallive.gateway.security;

import com.sociallive.platform.http.HeaderSyntax;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.MultiValueMap;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The rules of Spring Security's {@code StrictServerWebExchangeFirewall} with its defaults, checked once per request
 * in one pass instead of through request, header and builder wrappers that check again on every read (the gateway
 * benchmark measured those wrappers and their regular expressions per header read as a visible part of the gateway's
 * cost). A request is refused (400) when:
 *
 * <ul>
 *   <li>its method is not one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT;
 *   <li>its path, raw or decoded, contains {@code ;}, an encoded slash, {@code //}, a backslash, a NUL, CR or LF (raw
 *       or encoded), an encoded percent or period, or a decoded {@code %}, U+2028 or U+2029;
 *   <li>its path is not normalized ({@code /./}, {@code /../}, a trailing {@code /.} or {@code /..});
 *   <li>a header name contains a control character or an unassigned code point, or a header value does (a tab
 *       excepted). The firewall checked a header only when something read it, and everything the gateway forwards
 *       was read on the way; here every header is checked up front.
 * </ul>
 *
 * Query parameter names get the header-name rule where the gateway reads the parameters ({@link #queryParams}), as the
 * firewall checked them when they were read. Response headers must not carry CR or LF ({@link #rejectsResponseHeaders}).
 *
 * <p>Headers are read from Netty's own header list where there is one: iterating Spring's {@link HttpHeaders} builds
 * a case-insensitive set of all names first, each time.
 */
final class EdgeFirewall {

    private static final Set<HttpMethod> ALLOWED_METHODS = Set.of(
            HttpMethod.DELETE,
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.OPTIONS,
            HttpMethod.PATCH,
            HttpMethod.POST,
            HttpMethod.PUT);

    /** Forbidden in the raw path (both the request's path value and the URI's raw path); compared case-insensitively. */
    static final List<String> ENCODED_BLOCKLIST =
            List.of(";", "%3b", "%2f", "//", "\\", "%5c", "\0", "%00", "\n", "%0a", "\r", "%0d", "%25", "%2e");

    /** Forbidden in the decoded path. */
    static final List<String> DECODED_BLOCKLIST = List.of(";", "//", "\\", "\0", "\n", "\r", "%", "\u2028", "\u2029");

    private EdgeFirewall() {}

    /** @return why the request is refused, or null when it passes */
    static String rejection(ServerHttpRequest request) {
        if (!ALLOWED_METHODS.contains(request.getMethod())) {
            return "method not allowed";
        }
        String path = request.getPath().value();
        String rawPath = request.getURI().getRawPath();
        String decodedPath = request.getURI().getPath();
        if (hasForbiddenEncoded(path) || hasForbiddenEncoded(rawPath) || hasForbiddenDecoded(decodedPath)) {
            return "potentially malicious string in the URL";
        }
        if (!isNormalized(path) || !isNormalized(rawPath) || !isNormalized(decodedPath)) {
            return "URL not normalized";
        }
        io.netty.handler.codec.http.HttpHeaders nettyHeaders = nettyHeaders(request);
        if (nettyHeaders != null) {
            Iterator<Map.Entry<CharSequence, CharSequence>> headers = nettyHeaders.iteratorCharSequence();
            while (headers.hasNext()) {
                Map.Entry<CharSequence, CharSequence> header = headers.next();
                if (!HeaderSyntax.isAllowedHeaderName(header.getKey())) {
                    return "header name not allowed";
                }
                if (!HeaderSyntax.isAllowedHeaderValue(header.getValue())) {
                    return "header value not allowed";
                }
            }
            return null;
        }
        for (Map.Entry<String, List<String>> header :
                request.getHeaders().asMultiValueMap().entrySet()) {
            if (!HeaderSyntax.isAllowedHeaderName(header.getKey())) {
                return "header name not allowed";
            }
            for (String value : header.getValue()) {
                if (!HeaderSyntax.isAllowedHeaderValue(value)) {
                    return "header value not allowed";
                }
            }
        }
        return null;
    }

    /** The headers as the client sent them, from Reactor Netty's request; null for any other request. */
    private static io.netty.handler.codec.http.HttpHeaders nettyHeaders(ServerHttpRequest request) {
        try {
            return ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest nettyRequest
                    ? nettyRequest.requestHeaders()
                    : null;
        } catch (IllegalArgumentException | IllegalStateException notAdaptable) {
            return null;
        }
    }

    /**
     * The request's query parameters, refused ({@link Rejected}) when a parameter name contains a control character or
     * an unassigned code point.
     */
    static MultiValueMap<String, String> queryParams(ServerHttpRequest request) {
        MultiValueMap<String, String> params = request.getQueryParams();
        for (String name : params.keySet()) {
            if (!HeaderSyntax.isAllowedHeaderName(name)) {
                throw new Rejected("query parameter name not allowed");
            }
        }
        return params;
    }

    /** True when a response header would carry CR or LF (header splitting): the answer must not go out. */
    static boolean rejectsResponseHeaders(ServerHttpResponse response) {
        io.netty.handler.codec.http.HttpHeaders nettyHeaders = null;
        try {
            if (ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse nettyResponse) {
                nettyHeaders = nettyResponse.responseHeaders();
            }
        } catch (IllegalArgumentException | IllegalStateException notAdaptable) {
            // a response of another server (tests): its headers as Spring has them
        }
        if (nettyHeaders != null) {
            Iterator<Map.Entry<CharSequence, CharSequence>> headers = nettyHeaders.iteratorCharSequence();
            while (headers.hasNext()) {
                Map.Entry<CharSequence, CharSequence> header = headers.next();
                if (hasCrlf(header.getKey()) || hasCrlf(header.getValue())) {
                    return true;
                }
            }
            return false;
        }
        return rejectsResponseHeaders(response.getHeaders());
    }

    static boolean rejectsResponseHeaders(HttpHeaders headers) {
        for (Map.Entry<String, List<String>> header : headers.asMultiValueMap().entrySet()) {
            if (hasCrlf(header.getKey())) {
                return true;
            }
            for (String value : header.getValue()) {
                if (hasCrlf(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasCrlf(CharSequence value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** {@link #ENCODED_BLOCKLIST} in one pass over the string. */
    static boolean hasForbiddenEncoded(String value) {
        if (value == null) {
            return false;
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';', '\\', '\0', '\n', '\r' -> {
                    return true;
                }
                case '/' -> {
                    if (i + 1 < length && value.charAt(i + 1) == '/') {
                        return true;
                    }
                }
                case '%' -> {
                    if (i + 2 < length && isForbiddenEscape(value.charAt(i + 1), value.charAt(i + 2))) {
                        return true;
                    }
                }
                default -> {
                    // allowed
                }
            }
        }
        return false;
    }

    /** %3b %2f %5c %00 %0a %0d %25 %2e, either case. */
    private static boolean isForbiddenEscape(char high, char low) {
        char l = Character.toLowerCase(low);
        return switch (high) {
            case '3' -> l == 'b';
            case '2' -> l == 'f' || l == '5' || l == 'e';
            case '5' -> l == 'c';
            case '0' -> l == '0' || l == 'a' || l == 'd';
            default -> false;
        };
    }

    /** {@link #DECODED_BLOCKLIST} in one pass over the string. */
    static boolean hasForbiddenDecoded(String value) {
        if (value == null) {
            return false;
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';', '\\', '\0', '\n', '\r', '%', '\u2028', '\u2029' -> {
                    return true;
                }
                case '/' -> {
                    if (i + 1 < length && value.charAt(i + 1) == '/') {
                        return true;
                    }
                }
                default -> {
                    // allowed
                }
            }
        }
        return false;
    }

    /** The blocklists the plain way, for the tests that pin the one-pass checks to them. */
    static boolean containsAny(String value, List<String> forbidden) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < forbidden.size(); i++) {
            String needle = forbidden.get(i);
            if (needle.length() == 3 && needle.charAt(0) == '%'
                    ? containsIgnoreCase(value, needle)
                    : value.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** For the {@code %xx} needles, whose hex letters may come in either case. */
    private static boolean containsIgnoreCase(String value, String needle) {
        for (int from = value.indexOf('%'); from >= 0; from = value.indexOf('%', from + 1)) {
            if (value.regionMatches(true, from, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /** No {@code .} or {@code ..} path segment (Spring Security's rule). */
    static boolean isNormalized(String path) {
        if (path == null) {
            return true;
        }
        for (int i = path.length(); i > 0; ) {
            int slashIndex = path.lastIndexOf('/', i - 1);
            int gap = i - slashIndex;
            if (gap == 2 && path.charAt(slashIndex + 1) == '.') {
                return false;
            }
            if (gap == 3 && path.charAt(slashIndex + 1) == '.' && path.charAt(slashIndex + 2) == '.') {
                return false;
            }
            i = slashIndex;
        }
        return true;
    }

    /** A request the firewall refuses: 400 at the edge. */
    static final class Rejected extends RuntimeException {

        Rejected(String message) {
            super(message, null, false, false);
        }
    }
}
