package com.sociallive.platform.client;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Makes the clients one service uses to call another: a {@link RestClient} with connect and read timeouts that
 * sends {@code X-Service-Name}, the caller's {@code X-Request-Id} and a child {@code traceparent}, plus whatever
 * interceptors the platform adds (service tokens). Use {@link #restClient} directly or {@link #httpInterface} for a
 * declarative {@code @HttpExchange} interface.
 *
 * <p>Every call is observed ({@code http.client.requests}): with tracing, a client span, child of the current one,
 * whose {@code traceparent} goes out with the call; without a tracer the header is derived from the incoming one.
 */
public class ServiceClients {

    private final String serviceName;
    private final ServiceClientProperties properties;
    private final List<ClientHttpRequestInterceptor> extraInterceptors;
    private final ObservationRegistry observations;

    public ServiceClients(
            String serviceName,
            ServiceClientProperties properties,
            List<ClientHttpRequestInterceptor> extraInterceptors) {
        this(serviceName, properties, extraInterceptors, ObservationRegistry.NOOP);
    }

    public ServiceClients(
            String serviceName,
            ServiceClientProperties properties,
            List<ClientHttpRequestInterceptor> extraInterceptors,
            ObservationRegistry observations) {
        this.serviceName = serviceName;
        this.properties = properties;
        this.extraInterceptors = List.copyOf(extraInterceptors);
        this.observations = observations;
    }

    public RestClient restClient(String baseUrl) {
        return restClient(baseUrl, properties.readTimeout());
    }

    public RestClient restClient(String baseUrl, Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new PropagatingInterceptor(serviceName));
        interceptors.addAll(extraInterceptors);
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .requestInterceptors(list -> list.addAll(interceptors))
                .observationRegistry(observations)
                .build();
    }

    public <T> T httpInterface(String baseUrl, Class<T> type) {
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient(baseUrl)))
                .build()
                .createClient(type);
    }

    public String serviceName() {
        return serviceName;
    }
}
