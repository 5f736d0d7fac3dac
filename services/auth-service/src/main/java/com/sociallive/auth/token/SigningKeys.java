package com.sociallive.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sociallive.auth.AuthProperties;
import com.sociallive.platform.id.UuidV7;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The EC P-256 keys that sign tokens, kept in the auth schema. The newest key signs; the newest two are published
 * (JWKS) and accepted, so that after a rotation tokens of the previous key stay valid until they expire. Keys are
 * loaded lazily (the service starts while its database is down) and reloaded every few seconds, or at once when a
 * token names a key this instance has not seen (another instance rotated).
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final int PUBLISHED = 2;
    private static final Duration RELOAD_EVERY = Duration.ofSeconds(10);
    private static final Duration MIN_RELOAD_GAP = Duration.ofSeconds(1);

    private final SigningKeyRepository repository;
    private final TransactionTemplate tx;
    private final String configuredKey;
    private volatile List<ECKey> keys = List.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    SigningKeys(SigningKeyRepository repository, TransactionTemplate tx, AuthProperties properties) {
        this.repository = repository;
        this.tx = tx;
        this.configuredKey = properties.signingKey();
    }

    /** The private key that signs new tokens. */
    ECKey current() {
        List<ECKey> loaded = loaded();
        return loaded.getFirst();
    }

    /** The public keys that tokens may be signed with: the current and the previous one. */
    public JWKSet published() {
        return new JWKSet(loaded().stream()
                .map(key -> (JWK) new ECKey.Builder(key.toPublicJWK())
                        .algorithm(JWSAlgorithm.ES256)
                        .keyUse(KeyUse.SIGNATURE)
                        .build())
                .toList());
    }

    /** The public keys, reloaded first when {@code kid} is not among them (another instance rotated). */
    JWKSet publishedIncluding(String kid) {
        JWKSet set = published();
        if (kid != null && set.getKeyByKeyId(kid) == null && Instant.now().isAfter(loadedAt.plus(MIN_RELOAD_GAP))) {
            reload();
            set = published();
        }
        return set;
    }

    /** Makes a new key the signing key; the old current key stays published as the previous one. */
    public String rotate() {
        ECKey key = generate();
        tx.executeWithoutResult(status -> {
            repository.lock();
            repository.insert(key.getKeyID(), key.toJSONString(), Instant.now());
        });
        log.info("Signing key rotated: new kid {}", key.getKeyID());
        reload();
        return key.getKeyID();
    }

    private List<ECKey> loaded() {
        if (keys.isEmpty() || Instant.now().isAfter(loadedAt.plus(RELOAD_EVERY))) {
            synchronized (this) {
                if (keys.isEmpty() || Instant.now().isAfter(loadedAt.plus(RELOAD_EVERY))) {
                    reload();
                }
            }
        }
        return keys;
    }

    private synchronized void reload() {
        List<String> stored = repository.newest(PUBLISHED);
        if (stored.isEmpty() || (!configuredKey.isBlank() && !containsConfiguredKey())) {
            ensureKey();
            stored = repository.newest(PUBLISHED);
        }
        keys = stored.stream().map(SigningKeys::parse).toList();
        loadedAt = Instant.now();
    }

    private boolean containsConfiguredKey() {
        return repository.exists(parse(configuredKey).getKeyID());
    }

    /** First start: the configured key, else a generated one; under a lock so that instances agree. */
    private void ensureKey() {
        tx.executeWithoutResult(status -> {
            repository.lock();
            if (!configuredKey.isBlank()) {
                ECKey key = parse(configuredKey);
                if (!repository.exists(key.getKeyID())) {
                    repository.insert(key.getKeyID(), key.toJSONString(), Instant.now());
                    log.info("Signing key {} taken from the environment", key.getKeyID());
                }
            } else if (repository.newest(1).isEmpty()) {
                ECKey key = generate();
                repository.insert(key.getKeyID(), key.toJSONString(), Instant.now());
                log.info("Signing key {} generated (first start)", key.getKeyID());
            }
        });
    }

    static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UuidV7.next().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an EC P-256 key", e);
        }
    }

    static ECKey parse(String json) {
        try {
            ECKey key = ECKey.parse(json);
            if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate() || key.getKeyID() == null) {
                throw new IllegalStateException("A signing key must be a private EC P-256 JWK with a kid");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key is not a valid JWK", e);
        }
    }
}
