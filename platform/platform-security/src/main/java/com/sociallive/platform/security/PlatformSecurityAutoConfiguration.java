package com.sociallive.platform.security;

import com.sociallive.platform.web.ProblemWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a service an OAuth2 resource server on the auth service's JWKS (ES256 only, issuer checked, revoked sessions
 * refused), with {@code /internal/**} open to service tokens alone, and gives its {@code ServiceClients} calls a
 * service token. A service that must differ (the auth service signs the tokens itself) declares its own
 * {@link JwtDecoder}, {@link ServiceTokenSource} or {@link RevokedSessions} bean.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
public class PlatformSecurityAutoConfiguration {

    static final String[] ALWAYS_PUBLIC = {
        "/health", "/health/**", "/v3/api-docs", "/v3/api-docs/**", "/error", "/prometheus"
    };

    @Bean
    @ConditionalOnMissingBean
    ServiceTokenSource serviceTokenSource(SecurityProperties properties) {
        return new ClientCredentialsTokenSource(
                authClient(properties), properties.clientId(), properties.clientSecret());
    }

    @Bean
    ServiceTokenInterceptor serviceTokenInterceptor(ServiceTokenSource tokens) {
        return new ServiceTokenInterceptor(tokens);
    }

    @Bean
    @ConditionalOnMissingBean
    RevokedSessions revokedSessions(SecurityProperties properties, ServiceTokenSource tokens) {
        return new PolledRevokedSessions(authClient(properties), tokens, properties.revocationPollInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, RevokedSessions revoked) {
        OAuth2TokenValidator<Jwt> validator = tokenValidator(properties.issuer(), revoked);
        NimbusJwtDecoder verifying = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        verifying.setJwtValidator(validator);
        return new CachingJwtDecoder(verifying, validator);
    }

    /** Expiry and not-before (60 s skew), issuer, and the session not revoked. */
    public static OAuth2TokenValidator<Jwt> tokenValidator(String issuer, RevokedSessions revoked) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer), new RevokedSessionValidator(revoked));
    }

    /**
     * With Spring Security's observations switched off ({@code management.observations.enable.spring.security=false},
     * platform-core's default), its filter chain is not wrapped in observation decorators at all: the property alone
     * only made every filter's observation a no-op, created and checked per filter and request (measured in the
     * wallet: the decorators were on the stack of two thirds of the request samples).
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The bearer token from the {@code Authorization} header by Spring Security's default rules, checked without a
     * regular expression ({@link HeaderBearerTokenResolver}); a service with its own resolver bean keeps it.
     */
    @Bean
    @ConditionalOnMissingBean
    BearerTokenResolver headerBearerTokenResolver() {
        return new HeaderBearerTokenResolver();
    }

    /** Spring Security's strict firewall, its header checks done without regular expressions ({@link HeaderCharacters}). */
    @Bean
    WebSecurityCustomizer headerCharactersFirewall() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain resourceServerFilterChain(
            HttpSecurity http, SecurityProperties properties, ProblemWriter problems) throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        List<String> publicPaths = new ArrayList<>(List.of(ALWAYS_PUBLIC));
        publicPaths.addAll(properties.publicPaths());
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // no request wrapper for the servlet security methods (getUserPrincipal, isUserInRole, login):
                // controllers get the caller from the token (PrincipalArgumentResolver, SecurityContextHolder)
                .servletApi(servlet -> servlet.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(publicPaths.toArray(String[]::new))
                        .permitAll()
                        .requestMatchers("/internal/**")
                        .hasRole(TokenClaims.ROLE_SERVICE)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                // keys that could not be fetched: 503, not the 500 Spring Security would give
                                filter.setAuthenticationFailureHandler(handlers);
                                return filter;
                            }
                        }))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
        return http.build();
    }

    @Bean
    WebMvcConfigurer principalArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PrincipalArgumentResolver());
            }
        };
    }

    static JwtAuthenticationConverter authenticationConverter() {
        Converter<Jwt, Collection<GrantedAuthority>> roles = jwt -> {
            List<String> claim = jwt.getClaimAsStringList(TokenClaims.ROLES);
            List<GrantedAuthority> authorities = new ArrayList<>();
            if (claim != null) {
                claim.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return authorities;
        };
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    private static RestClient authClient(SecurityProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
        factory.setReadTimeout(Duration.ofSeconds(5));
        return RestClient.builder()
                .baseUrl(properties.firstInstance())
                .requestFactory(factory)
                .build();
    }
}
