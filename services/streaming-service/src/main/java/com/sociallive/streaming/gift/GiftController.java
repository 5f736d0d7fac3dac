package com.sociallive.streaming.gift;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Gifts", description = "Coins from a viewer to the host of a LIVE stream")
class GiftController {

    private final SendGift sendGift;
    private final GiftRepository gifts;

    GiftController(SendGift sendGift, GiftRepository gifts) {
        this.sendGift = sendGift;
        this.gifts = gifts;
    }

    @PostMapping("/gifts")
    @Operation(
            summary = "Send a gift",
            description = "The wallet moves `amount` COIN from the caller to the host (internal transfer type GIFT,"
                    + " reference gift:<id>); every viewer then receives {\"type\":\"gift\",…,\"from\":"
                    + "PublicUserSummary} and the stream's giftsTotal grows. giftType defaults to \"coin\"."
                    + " Idempotency-Key (1..255 chars, per user) is required: a retry with the same key and body"
                    + " within 24 h answers the first answer again with Idempotent-Replayed: true and moves nothing;"
                    + " another body → 422 IDEMPOTENCY_KEY_REUSED; while the first runs → 409 REQUEST_IN_PROGRESS."
                    + " A 503 (wallet unreachable) may be retried with the same key.",
            parameters =
                    @Parameter(
                            name = "Idempotency-Key",
                            in = ParameterIn.HEADER,
                            required = true,
                            description = "1..255 characters"))
    @ApiResponse(responseCode = "201", description = "Gift")
    @ApiResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED, VALIDATION_FAILED")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such stream")
    @ApiResponse(responseCode = "409", description = "STREAM_ENDED, REQUEST_IN_PROGRESS")
    @ApiResponse(
            responseCode = "422",
            description =
                    "INSUFFICIENT_FUNDS (nothing moved, nothing broadcast), OWN_STREAM," + " IDEMPOTENCY_KEY_REUSED")
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: wallet unreachable; retry with the same key")
    ResponseEntity<Gift> send(
            CurrentUser user,
            @Parameter(hidden = true) @RequestHeader(value = "Idempotency-Key", required = false) String key,
            @Valid @RequestBody GiftRequest request) {
        if (key == null || key.isEmpty()) {
            throw new DomainException(
                    CommonErrorCode.IDEMPOTENCY_KEY_REQUIRED, "Header Idempotency-Key is required on POST /gifts");
        }
        if (key.length() > 255) {
            throw DomainException.invalid("Idempotency-Key", "must be 1 to 255 characters");
        }
        SendGift.Result result = sendGift.send(user, key, request);
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.created(URI.create("/gifts/" + result.gift().id()));
        if (result.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.body(result.gift());
    }

    @GetMapping("/gifts/{id}")
    @Operation(summary = "One completed gift", description = "Visible to its sender, its receiver and ADMINs.")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND")
    Gift get(CurrentUser user, @PathVariable UUID id) {
        return gifts.findGift(id)
                .filter(row -> "COMPLETED".equals(row.status()))
                .map(GiftRepository.GiftRow::gift)
                .filter(gift -> user.isAdmin()
                        || gift.fromUserId().equals(user.id())
                        || gift.toUserId().equals(user.id()))
                .orElseThrow(() -> DomainException.notFound("No gift " + id));
    }
}
