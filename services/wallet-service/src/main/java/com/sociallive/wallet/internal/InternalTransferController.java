package com.sociallive.wallet.internal;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.security.CallingService;
import com.sociallive.wallet.idempotency.IdempotencyKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The internal transfer API (docs/internal-apis.md): service tokens only, never routed by the gateway. */
@RestController
@Tag(name = "Internal", description = "For other services (service tokens only)")
class InternalTransferController {

    private final InternalTransfers transfers;

    InternalTransferController(InternalTransfers transfers) {
        this.transfers = transfers;
    }

    @PostMapping("/internal/transfers")
    @Operation(
            summary = "Move money between two users for another service",
            description = "One journal entry: the payer is debited amount, the payee credited amount - fee, the fee "
                    + "(amount * feeBps / 10000, rounded down) goes to the platform fee account. reference is unique: "
                    + "a repeat with the same from/to/amount/currency/type returns the existing transfer (201, "
                    + "Idempotent-Replayed: true), anything else 409 REFERENCE_CONFLICT. 422 INSUFFICIENT_FUNDS "
                    + "moves nothing. Idempotency-Key required (scoped per calling service).")
    @ApiResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = InternalTransferView.class)))
    ResponseEntity<String> transfer(
            CallingService caller,
            @RequestHeader(value = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody InternalTransferRequest request) {
        return transfers
                .transfer(caller.name(), IdempotencyKey.forService(caller.name(), idempotencyKey), request.normalized())
                .toResponseEntity();
    }

    @GetMapping("/internal/transfers/by-reference/{reference}")
    @Operation(summary = "Whether a transfer with this reference happened (for a caller recovering from a crash)")
    InternalTransferView byReference(CallingService caller, @PathVariable String reference) {
        return transfers
                .byReference(reference)
                .orElseThrow(() -> DomainException.notFound("No transfer with reference " + reference));
    }
}
