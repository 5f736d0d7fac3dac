package com.sociallive.wallet.money;

import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.paging.CursorPage;
import com.sociallive.platform.paging.PageLimit;
import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.wallet.idempotency.IdempotencyKey;
import com.sociallive.wallet.ledger.domain.EntryType;
import com.sociallive.wallet.ledger.domain.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The user-facing wallet endpoints of API.md ({@code /wallet/...} through the gateway). */
@RestController
@Tag(name = "Wallet", description = "Balances, history, deposits, withdrawals and transfers of the calling user")
class WalletController {

    private static final String IDEMPOTENCY_DOC =
            "Required (1..255 chars, scoped per user). A retry with the same key and body within 24 h returns the "
                    + "first answer again with Idempotent-Replayed: true; another body gets 422 "
                    + "IDEMPOTENCY_KEY_REUSED; while the first is running, 409 REQUEST_IN_PROGRESS.";

    private final MoveMoney moveMoney;
    private final HistoryRepository history;

    WalletController(MoveMoney moveMoney, HistoryRepository history) {
        this.moveMoney = moveMoney;
        this.history = history;
    }

    @GetMapping("/balance")
    @Operation(summary = "The caller's balance in one currency (default COIN); 0 for a user with no activity")
    BalanceView balance(CurrentUser user, @RequestParam(required = false) String currency) {
        String code = Money.requireCurrency(currency == null ? Money.DEFAULT_CURRENCY : currency);
        return history.balance(user.id(), code).orElse(new BalanceView(user.id(), code, 0, 0, null));
    }

    @GetMapping("/transactions")
    @Operation(
            summary = "The caller's transactions, newest first",
            description = "Keyset-paginated (?limit=1..100, default 20; ?cursor= from nextCursor). ?type= filters by "
                    + "DEPOSIT, WITHDRAWAL, TRANSFER, PAYMENT, REFUND or GIFT; ?currency= (optional) by currency. "
                    + "balanceAfter is the account balance right after each line.")
    CursorPage<TransactionView> transactions(
            CurrentUser user,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String currency,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = PageLimit.of(limit);
        String typeFilter = type == null ? null : entryType(type);
        String currencyFilter = currency == null ? null : Money.requireCurrency(currency);
        List<TransactionView> rows =
                history.page(user.id(), typeFilter, currencyFilter, TimeIdCursor.decodeOrNull(cursor), size + 1);
        return CursorPage.fromOverfetch(rows, size, t -> new TimeIdCursor(t.createdAt(), t.id()).encode());
    }

    @GetMapping("/transactions/{id}")
    @Operation(summary = "One of the caller's transactions (the Location of a 201); 404 when not the caller's")
    TransactionView transaction(CurrentUser user, @PathVariable UUID id) {
        return history.line(user.id(), id).orElseThrow(() -> DomainException.notFound("No such transaction"));
    }

    @PostMapping("/deposit")
    @Operation(
            summary = "Top up the caller's wallet",
            description = "Goes through the configured payment provider. The default is the SANDBOX provider: it "
                    + "settles at once and moves no real money.")
    @ApiResponse(
            responseCode = "201",
            description = "the caller's CREDIT line",
            content = @Content(schema = @Schema(implementation = TransactionView.class)))
    ResponseEntity<String> deposit(
            CurrentUser user,
            @Parameter(description = IDEMPOTENCY_DOC) @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                    String idempotencyKey,
            @Valid @RequestBody Requests.DepositRequest request) {
        return moveMoney
                .deposit(user.id(), IdempotencyKey.forUser(user.id(), idempotencyKey), request.normalized())
                .toResponseEntity();
    }

    @PostMapping("/withdraw")
    @Operation(
            summary = "Pay out of the caller's wallet",
            description = "422 INSUFFICIENT_FUNDS when the balance is too low (nothing moves). Paid out through the "
                    + "configured payment provider; the default SANDBOX provider settles at once.")
    @ApiResponse(
            responseCode = "201",
            description = "the caller's DEBIT line",
            content = @Content(schema = @Schema(implementation = TransactionView.class)))
    ResponseEntity<String> withdraw(
            CurrentUser user,
            @Parameter(description = IDEMPOTENCY_DOC) @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                    String idempotencyKey,
            @Valid @RequestBody Requests.WithdrawRequest request) {
        return moveMoney
                .withdraw(user.id(), IdempotencyKey.forUser(user.id(), idempotencyKey), request.normalized())
                .toResponseEntity();
    }

    @PostMapping("/transfer")
    @Operation(
            summary = "Send money to another user",
            description = "400 when sending to oneself, 404 USER_NOT_FOUND for an unknown recipient, 422 "
                    + "INSUFFICIENT_FUNDS when the balance is too low (nothing moves).")
    @ApiResponse(
            responseCode = "201",
            description = "the sender's DEBIT line",
            content = @Content(schema = @Schema(implementation = TransactionView.class)))
    ResponseEntity<String> transfer(
            CurrentUser user,
            @Parameter(description = IDEMPOTENCY_DOC) @RequestHeader(value = IdempotencyKey.HEADER, required = false)
                    String idempotencyKey,
            @Valid @RequestBody Requests.TransferRequest request) {
        return moveMoney
                .transfer(user.id(), IdempotencyKey.forUser(user.id(), idempotencyKey), request.normalized())
                .toResponseEntity();
    }

    private static String entryType(String type) {
        try {
            return EntryType.valueOf(type.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(
                    "type", "must be one of DEPOSIT, WITHDRAWAL, TRANSFER, PAYMENT, REFUND, GIFT");
        }
    }
}
