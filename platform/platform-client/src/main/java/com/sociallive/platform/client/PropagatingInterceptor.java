package com.sociallive.platform.client;

import com.sociallive.platform.trace.RequestIds;
import com.sociallive.platform.trace.TraceParent;
import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Sends who is calling and the request's id on every outgoing service call, and a child {@code traceparent} when
 * the call's observation has not already put one (no tracer at work).
 */
class PropagatingInterceptor implements ClientHttpRequestInterceptor {

    static final String SERVICE_NAME_HEADER = "X-Service-Name";

    private final String serviceName;

    PropagatingInterceptor(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        var headers = request.getHeaders();
        headers.set(SERVICE_NAME_HEADER, serviceName);
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object requestId = attributes == null
                ? null
                : attributes.getAttribute(RequestIds.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        Object trace = attributes == null
                ? null
                : attributes.getAttribute(TraceParent.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (requestId instanceof String id && !headers.containsHeader(RequestIds.HEADER)) {
            headers.set(RequestIds.HEADER, id);
        }
        TraceParent parent = trace instanceof TraceParent t ? t : TraceParent.continueOrStart(null);
        if (!headers.containsHeader(TraceParent.HEADER)) {
            headers.set(TraceParent.HEADER, parent.child().header());
        }
        return execution.execute(request, body);
    }
}
