package com.sociallive.platform.web;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.error.ErrorCode;
import com.sociallive.platform.error.FieldViolation;
import com.sociallive.platform.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every error into the problem+json of API.md: a stable {@code code}, {@code traceId}, {@code errors[]} for
 * validation failures, and never a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> handleDomain(DomainException ex, NativeWebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        ex.headers().forEach(headers::set);
        return problem(ex.code(), ex.getMessage(), ex.violations(), headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, NativeWebRequest request) {
        List<FieldViolation> violations = ex.getConstraintViolations().stream()
                .map(v -> new FieldViolation(leafName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        return problem(CommonErrorCode.VALIDATION_FAILED, summary(violations), violations, null, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, NativeWebRequest request) throws Exception {
        if (isSecurityException(ex)) {
            throw ex; // answered by the security entry points, which write the same problem+json
        }
        log.error("Unhandled error", ex);
        return problem(CommonErrorCode.INTERNAL_ERROR, "An unexpected error occurred", List.of(), null, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = violationsOf(ex.getBindingResult());
        return problem(CommonErrorCode.VALIDATION_FAILED, summary(violations), violations, null, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> violations.add(new FieldViolation(name, error.getDefaultMessage())));
        });
        return problem(CommonErrorCode.VALIDATION_FAILED, summary(violations), violations, null, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // a body cut off by the size limit surfaces deep inside Jackson's exception: it wins over what Jackson says
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return problem(domain.code(), domain.getMessage(), domain.violations(), null, request);
            }
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException) {
                return problem(
                        CommonErrorCode.MALFORMED_REQUEST, "Request body is not valid JSON", List.of(), null, request);
            }
            if (cause instanceof DatabindException databind
                    && !databind.getPath().isEmpty()) {
                String field = jsonPath(databind);
                List<FieldViolation> violations = List.of(new FieldViolation(field, "has an invalid value or type"));
                return problem(CommonErrorCode.VALIDATION_FAILED, summary(violations), violations, null, request);
            }
        }
        return problem(
                CommonErrorCode.MALFORMED_REQUEST,
                "Request body is missing or not readable JSON",
                List.of(),
                null,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        List<FieldViolation> violations = List.of(new FieldViolation(name, "has an invalid value"));
        return problem(CommonErrorCode.VALIDATION_FAILED, summary(violations), violations, null, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<FieldViolation> violations = List.of(new FieldViolation(ex.getParameterName(), "is required"));
        return problem(CommonErrorCode.VALIDATION_FAILED, summary(violations), violations, null, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ErrorCode code = codeFor(ex, status);
        String detail = body instanceof ProblemDetail p ? p.getDetail() : null;
        if (ex instanceof MissingRequestHeaderException missing) {
            detail = "Header " + missing.getHeaderName() + " is required";
        }
        return problem(code, detail, List.of(), headers, request);
    }

    private static ErrorCode codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof NoResourceFoundException) {
            return CommonErrorCode.NOT_FOUND;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return CommonErrorCode.METHOD_NOT_ALLOWED;
        }
        return CommonErrorCode.forStatus(status.value());
    }

    private ResponseEntity<Object> problem(
            ErrorCode code, String detail, List<FieldViolation> violations, HttpHeaders headers, WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        String path = servlet == null ? null : servlet.getRequestURI();
        String traceId = servlet == null ? null : RequestContextFilter.traceIdOf(servlet);
        ProblemDetail problem = Problems.of(code, detail, path, traceId);
        Problems.withViolations(problem, violations);
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.setContentType(Problems.PROBLEM_JSON);
        return ResponseEntity.status(code.status()).headers(out).body(problem);
    }

    private static List<FieldViolation> violationsOf(BindingResult result) {
        List<FieldViolation> violations = new ArrayList<>();
        result.getFieldErrors().forEach(e -> violations.add(new FieldViolation(e.getField(), e.getDefaultMessage())));
        result.getGlobalErrors()
                .forEach(e -> violations.add(new FieldViolation(e.getObjectName(), e.getDefaultMessage())));
        violations.sort(Comparator.comparing(FieldViolation::field));
        return violations;
    }

    private static String summary(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            return "The request is not valid";
        }
        StringBuilder out = new StringBuilder();
        for (FieldViolation v : violations) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(v.field()).append(' ').append(v.message());
        }
        return out.toString();
    }

    private static String leafName(String propertyPath) {
        // "create.request.amount" -> "amount": method and parameter names mean nothing to a client
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String jsonPath(DatabindException ex) {
        StringBuilder out = new StringBuilder();
        for (var ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static boolean isSecurityException(Exception ex) {
        String name = ex.getClass().getName();
        return name.startsWith("org.springframework.security.");
    }
}
