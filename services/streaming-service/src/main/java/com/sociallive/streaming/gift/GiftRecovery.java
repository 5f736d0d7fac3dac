package com.sociallive.streaming.gift;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Converges gifts left PENDING (the wallet's answer was lost, or the instance died mid-call, and the client never
 * retried): every 30 s it claims such keys (silent for 60 s), asks the wallet by reference {@code gift:<id>} and, when
 * the coins moved, completes the gift (total, key, event). When the wallet has no such transfer after 10 minutes the
 * gift is marked FAILED and its key forgotten, so a later retry with that key starts afresh; before that the key stays
 * retryable for the client. Several instances may run this at once: claims and completion are guarded updates.
 */
@Component
class GiftRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GiftRecovery.class);
    private static final Duration SILENT = Duration.ofSeconds(60);
    private static final Duration ABANDON_AFTER = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final GiftRepository gifts;
    private final WalletClient wallet;
    private final SendGift sendGift;
    private volatile ScheduledExecutorService scheduler;

    GiftRecovery(JdbcClient jdbc, GiftRepository gifts, WalletClient wallet, SendGift sendGift) {
        this.jdbc = jdbc;
        this.gifts = gifts;
        this.wallet = wallet;
        this.sendGift = sendGift;
    }

    record Stuck(UUID userId, String key, UUID giftId, Instant createdAt) {}

    /** One round; returns how many gifts it settled. */
    int recover() {
        List<Stuck> stuck = jdbc.sql("""
                        SELECT k.user_id, k.key, k.gift_id, g.created_at
                          FROM gift_idempotency_keys k JOIN gifts g ON g.id = k.gift_id
                         WHERE g.status = 'PENDING' AND k.state IN ('RETRYABLE', 'IN_PROGRESS')
                           AND k.updated_at < now() - make_interval(secs => ?)
                         ORDER BY k.updated_at LIMIT 50
                        """)
                .param(SILENT.toSeconds())
                .query((rs, n) -> new Stuck(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("key"),
                        rs.getObject("gift_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        int settled = 0;
        for (Stuck gift : stuck) {
            if (!gifts.claim(gift.userId(), gift.key(), Instant.now().minus(SILENT))) {
                continue; // the client's retry or another instance has it
            }
            GiftRepository.GiftRow row = gifts.findGift(gift.giftId()).orElseThrow();
            switch (wallet.lookup(gift.giftId())) {
                case WalletClient.Completed done -> {
                    sendGift.completeRecovered(gift.userId(), gift.key(), row.gift(), row.message(), done.transferId());
                    settled++;
                }
                case WalletClient.NotFound none -> {
                    if (gift.createdAt().isBefore(Instant.now().minus(ABANDON_AFTER))) {
                        gifts.fail(gift.giftId());
                        gifts.deleteKey(gift.userId(), gift.key());
                        settled++;
                    } else {
                        gifts.setKeyState(gift.userId(), gift.key(), "RETRYABLE");
                    }
                }
                default -> gifts.setKeyState(gift.userId(), gift.key(), "RETRYABLE");
            }
        }
        return settled;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gift-recovery").daemon().factory());
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        int settled = recover();
                        if (settled > 0) {
                            log.info("Settled {} pending gifts with the wallet", settled);
                        }
                    } catch (RuntimeException e) {
                        log.warn("Gift recovery round failed: {}", e.toString());
                    }
                },
                30,
                30,
                TimeUnit.SECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
