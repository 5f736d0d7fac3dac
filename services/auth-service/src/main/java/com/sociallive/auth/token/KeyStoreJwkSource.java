package com.sociallive.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.Set;

/**
 * The auth service checks its own tokens against its key store, without an HTTP call to itself: the same keys the
 * JWKS publishes (current and previous), reloaded when a token names a key this instance does not know yet.
 */
public class KeyStoreJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;

    public KeyStoreJwkSource(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Set<String> kids = selector.getMatcher().getKeyIDs();
        String kid = kids == null || kids.size() != 1 ? null : kids.iterator().next();
        return selector.select(keys.publishedIncluding(kid));
    }
}
