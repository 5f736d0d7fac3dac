package com.sociallive.platform.error;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem details of API.md: {type, title, status, detail, instance, code, traceId, errors?}. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_BASE = "https://api.sociallive.dev/problems/";

    private Problems() {}

    public static ProblemDetail of(ErrorCode code, String detail, String instance, String traceId) {
        ProblemDetail problem = ProblemDetail.forStatus(code.status());
        decorate(problem, code, detail, instance, traceId);
        return problem;
    }

    /** Fills in the house fields on a problem that the framework already built. */
    public static void decorate(ProblemDetail problem, ErrorCode code, String detail, String instance, String traceId) {
        problem.setType(typeOf(code));
        problem.setTitle(code.title());
        problem.setStatus(code.status());
        problem.setDetail(detail == null || detail.isBlank() ? code.title() : detail);
        if (instance != null) {
            problem.setInstance(URI.create(safePath(instance)));
        }
        problem.setProperty("code", code.name());
        problem.setProperty("traceId", traceId);
    }

    public static void withViolations(ProblemDetail problem, List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
    }

    public static URI typeOf(ErrorCode code) {
        return URI.create(TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static String safePath(String path) {
        // request paths may contain characters that are not legal in a URI; the instance is informative only
        StringBuilder out = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('_');
            }
        }
        return out.toString();
    }
}
