package com.sociallive.streaming.gift;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.id.UuidV7;
import com.sociallive.platform.security.CurrentUser;
import com.sociallive.streaming.config.StreamingErrorCode;
import com.sociallive.streaming.room.RoomEvents;
import com.sociallive.streaming.user.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A gift: coins from a viewer to the host, moved by the wallet, announced to every viewer. An orchestrated step with
 * its state in our database: the gift id (and so the wallet reference {@code gift:<id>}) is fixed, with the
 * idempotency key, before the wallet is called; a retry after a wallet timeout or a crash asks the wallet again with
 * the same reference, which moves the coins at most once.
 *
 * <p>Idempotency (API.md): same key + same body within 24 h → the first answer again with
 * {@code Idempotent-Replayed: true}; same key, other body → 422 IDEMPOTENCY_KEY_REUSED; while the first still runs
 * → 409 REQUEST_IN_PROGRESS. Keys are scoped per user. A wallet failure (503) leaves the key retryable.
 */
@Service
class SendGift {

    static final String CURRENCY = "COIN";
    private static final Duration KEY_LIFETIME = Duration.ofHours(24);
    /** a request that held its key this long without finishing is taken to have died (wallet timeout is 5 s) */
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    record Result(Gift gift, boolean replayed) {}

    private final GiftRepository gifts;
    private final WalletClient wallet;
    private final RoomEvents rooms;
    private final UserDirectory users;
    private final TransactionTemplate tx;

    SendGift(GiftRepository gifts, WalletClient wallet, RoomEvents rooms, UserDirectory users, TransactionTemplate tx) {
        this.gifts = gifts;
        this.wallet = wallet;
        this.rooms = rooms;
        this.users = users;
        this.tx = tx;
    }

    Result send(CurrentUser user, String key, GiftRequest request) {
        String hash = fingerprint(request);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<GiftRepository.KeyRecord> existing = gifts.findKey(user.id(), key);
            if (existing.isPresent()
                    && existing.get().createdAt().isBefore(Instant.now().minus(KEY_LIFETIME))) {
                gifts.deleteKey(user.id(), key);
                existing = Optional.empty();
            }
            if (existing.isPresent()) {
                return again(user, key, hash, existing.get());
            }
            GiftRepository.StreamInfo stream = gifts.stream(request.streamId())
                    .orElseThrow(() -> DomainException.notFound("No stream " + request.streamId()));
            if (!stream.live()) {
                throw new DomainException(StreamingErrorCode.STREAM_ENDED, "The stream has ended");
            }
            if (stream.hostId().equals(user.id())) {
                throw new DomainException(StreamingErrorCode.OWN_STREAM, "You cannot send a gift to your own stream");
            }
            Gift gift = new Gift(
                    UuidV7.next(),
                    request.streamId(),
                    user.id(),
                    stream.hostId(),
                    request.amount(),
                    CURRENCY,
                    request.giftTypeOrDefault(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            Boolean claimed = tx.execute(status -> {
                gifts.insertPendingGift(gift, request.message());
                if (!gifts.insertKey(user.id(), key, hash, gift.id())) {
                    status.setRollbackOnly(); // a concurrent request with the same key won; look at it again
                    return false;
                }
                return true;
            });
            if (Boolean.TRUE.equals(claimed)) {
                return new Result(transfer(user, key, gift, request.message()), false);
            }
        }
        throw new DomainException(
                CommonErrorCode.REQUEST_IN_PROGRESS, "A request with this Idempotency-Key is running");
    }

    private Result again(CurrentUser user, String key, String hash, GiftRepository.KeyRecord record) {
        if (!record.requestHash().equals(hash)) {
            throw new DomainException(
                    CommonErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with another request");
        }
        GiftRepository.GiftRow row = gifts.findGift(record.giftId()).orElseThrow();
        switch (record.state()) {
            case "DONE" -> {
                if ("COMPLETED".equals(row.status())) {
                    return new Result(row.gift(), true);
                }
                throw insufficientFunds().withHeader("Idempotent-Replayed", "true");
            }
            case "IN_PROGRESS", "RETRYABLE" -> {
                if (!gifts.claim(user.id(), key, Instant.now().minus(STALE_AFTER))) {
                    throw new DomainException(
                            CommonErrorCode.REQUEST_IN_PROGRESS, "A request with this Idempotency-Key is running");
                }
                return new Result(transfer(user, key, row.gift(), row.message()), false);
            }
            default -> throw new IllegalStateException("unknown idempotency state " + record.state());
        }
    }

    private Gift transfer(CurrentUser user, String key, Gift gift, String message) {
        WalletClient.Outcome outcome = wallet.transfer(
                gift.id(), gift.fromUserId(), gift.toUserId(), gift.amount(), gift.currency(), gift.streamId());
        switch (outcome) {
            case WalletClient.Completed completed -> {
                Boolean first = tx.execute(status -> {
                    boolean now = gifts.complete(gift.id(), completed.transferId());
                    if (now) {
                        gifts.addToStreamTotal(gift.streamId(), gift.amount());
                    }
                    gifts.setKeyState(user.id(), key, "DONE");
                    return now;
                });
                if (Boolean.TRUE.equals(first)) {
                    announce(user.id(), user.username(), gift, message);
                }
                return gift;
            }
            case WalletClient.InsufficientFunds refused -> {
                tx.executeWithoutResult(status -> {
                    gifts.fail(gift.id());
                    gifts.setKeyState(user.id(), key, "DONE");
                });
                throw insufficientFunds(); // nothing is broadcast
            }
            case WalletClient.NotFound notFound -> throw new IllegalStateException("a transfer answers no NotFound");
            case WalletClient.Unavailable unavailable -> {
                gifts.setKeyState(user.id(), key, "RETRYABLE");
                throw new DomainException(
                                CommonErrorCode.SERVICE_UNAVAILABLE,
                                "The wallet cannot be reached; retry with the same Idempotency-Key")
                        .withHeader("Retry-After", "1");
            }
        }
    }

    /**
     * Recovery of a gift whose wallet answer was lost and whose client never retried: when the wallet did move the
     * coins, the gift completes (total, key, event) exactly as if the answer had arrived.
     */
    void completeRecovered(UUID userId, String key, Gift gift, String message, UUID transferId) {
        Boolean first = tx.execute(status -> {
            boolean now = gifts.complete(gift.id(), transferId);
            if (now) {
                gifts.addToStreamTotal(gift.streamId(), gift.amount());
            }
            gifts.setKeyState(userId, key, "DONE");
            return now;
        });
        if (Boolean.TRUE.equals(first)) {
            announce(userId, null, gift, message);
        }
    }

    void announce(UUID fromUserId, String username, Gift gift, String message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "gift");
        frame.put("id", gift.id());
        frame.put("streamId", gift.streamId());
        frame.put("fromUserId", gift.fromUserId());
        frame.put("toUserId", gift.toUserId());
        frame.put("amount", gift.amount());
        frame.put("currency", gift.currency());
        frame.put("giftType", gift.giftType());
        frame.put("createdAt", gift.createdAt());
        if (message != null) {
            frame.put("message", message);
        }
        frame.put("from", users.summary(fromUserId, username));
        rooms.publish(gift.streamId(), frame);
    }

    private static DomainException insufficientFunds() {
        return new DomainException(StreamingErrorCode.INSUFFICIENT_FUNDS, "Not enough coins for this gift");
    }

    private static String fingerprint(GiftRequest request) {
        String canonical = request.streamId() + "\n" + request.amount() + "\n" + request.giftTypeOrDefault() + "\n"
                + (request.message() == null ? "\u0000" : request.message());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
