package com.sociallive.platform.security;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link CurrentUser} and {@link CallingService} controller parameters from the validated token. */
class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == CurrentUser.class || type == CallingService.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Jwt jwt = currentJwt();
        if (parameter.getParameterType() == CallingService.class) {
            String service = jwt.getClaimAsString(TokenClaims.SERVICE);
            if (service == null) {
                throw new DomainException(CommonErrorCode.FORBIDDEN, "This endpoint is for services only");
            }
            return new CallingService(service);
        }
        return currentUser(jwt);
    }

    static CurrentUser currentUser(Jwt jwt) {
        if (jwt.getClaimAsString(TokenClaims.SERVICE) != null) {
            throw new DomainException(CommonErrorCode.FORBIDDEN, "A service token cannot act as a user");
        }
        UUID id;
        try {
            id = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainException(CommonErrorCode.UNAUTHENTICATED, "The token has no user subject");
        }
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        Set<String> roleSet = roles == null ? Set.of() : new HashSet<>(roles);
        return new CurrentUser(
                id, jwt.getClaimAsString(TokenClaims.USERNAME), roleSet, jwt.getClaimAsString(TokenClaims.SESSION_ID));
    }

    private static Jwt currentJwt() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return token.getToken();
        }
        throw new DomainException(CommonErrorCode.UNAUTHENTICATED, "A valid access token is required");
    }
}
