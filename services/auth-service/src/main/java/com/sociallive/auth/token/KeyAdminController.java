package com.sociallive.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KeyAdminController {

    private final SigningKeys keys;

    KeyAdminController(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(
            summary = "Rotate the signing key (ADMIN)",
            description = "A new key signs from now on; the previous one stays in the JWKS, so its tokens stay valid"
                    + " until they expire. 403 unless the caller has the ADMIN role.")
    @PostMapping("/admin/keys/rotate")
    Rotated rotate(CurrentUser user) {
        if (!user.isAdmin()) {
            throw DomainException.forbidden("Only an administrator may rotate signing keys");
        }
        String kid = keys.rotate();
        return new Rotated(
                kid, keys.published().getKeys().stream().map(JWK::getKeyID).toList());
    }

    record Rotated(String currentKid, List<String> publishedKids) {}
}
