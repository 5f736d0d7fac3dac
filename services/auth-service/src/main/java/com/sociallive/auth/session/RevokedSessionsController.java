package com.sociallive.auth.session;

import com.sociallive.platform.security.CallingService;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RevokedSessionsController {

    private final Sessions sessions;

    RevokedSessionsController(Sessions sessions) {
        this.sessions = sessions;
    }

    @Operation(
            summary = "Sessions revoked since a time (service tokens only)",
            description = "{items:[{sessionId, revokedAt}], asOf}; services poll it every ~2 s with since = the"
                    + " previous asOf (minus an overlap) and refuse those sessions' access tokens. Revocations older"
                    + " than 16 minutes are left out: the tokens they concern have expired.")
    @GetMapping("/internal/sessions/revoked")
    Sessions.RevokedPage revoked(CallingService caller, @RequestParam Instant since) {
        return sessions.revokedSince(since);
    }
}
