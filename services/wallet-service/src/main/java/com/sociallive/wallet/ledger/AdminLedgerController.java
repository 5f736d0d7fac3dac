package com.sociallive.wallet.ledger;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints (role ADMIN). */
@RestController
@Tag(name = "Admin", description = "Ledger checks for operators (role ADMIN)")
class AdminLedgerController {

    private final LedgerCheck check;

    AdminLedgerController(LedgerCheck check) {
        this.check = check;
    }

    @GetMapping("/admin/ledger/check")
    @Operation(
            summary = "Recompute every balance from the postings",
            description = "balanced is true when every account's balance equals the sum of its postings, every "
                    + "balanceAfter equals the running sum, every entry sums to zero, no user is below zero and each "
                    + "currency sums to zero over all accounts. 403 unless ADMIN.")
    LedgerCheck.Report check(CurrentUser user) {
        if (!user.isAdmin()) {
            throw DomainException.forbidden("The ledger check is for administrators");
        }
        return check.run();
    }
}
