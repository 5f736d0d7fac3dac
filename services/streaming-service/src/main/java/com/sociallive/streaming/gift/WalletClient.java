package com.sociallive.streaming.gift;

import com.sociallive.platform.client.ServiceClients;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wallet's internal transfer API (docs/internal-apis.md): {@code POST /internal/transfers} type GIFT with a
 * service token, {@code Idempotency-Key} and reference {@code gift:<giftId>}. The wallet moves money at most once
 * per reference, so asking again after a timeout is always safe. Several instances in {@code WALLET_SERVICE_URL}
 * are used in turn.
 */
@Component
class WalletClient {

    private static final Logger log = LoggerFactory.getLogger(WalletClient.class);

    sealed interface Outcome {}

    record Completed(UUID transferId) implements Outcome {}

    record InsufficientFunds(String detail) implements Outcome {}

    /** The wallet has no transfer with the reference: no money moved. */
    record NotFound() implements Outcome {}

    /** The wallet could not be reached or answered something unexpected: nothing is known; ask again later. */
    record Unavailable(String reason) implements Outcome {}

    private final RestClient[] instances;
    private final AtomicInteger next = new AtomicInteger();
    private final JsonMapper json;

    WalletClient(ServiceClients clients, @Value("${sociallive.services.wallet}") String walletUrls, JsonMapper json) {
        String[] urls = walletUrls.split(",");
        this.instances = new RestClient[urls.length];
        for (int i = 0; i < urls.length; i++) {
            instances[i] = clients.restClient(urls[i].trim());
        }
        this.json = json;
    }

    Outcome transfer(UUID giftId, UUID fromUserId, UUID toUserId, long amount, String currency, UUID streamId) {
        String reference = "gift:" + giftId;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fromUserId", fromUserId);
        body.put("toUserId", toUserId);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("type", "GIFT");
        body.put("reference", reference);
        body.put("note", "Gift on stream " + streamId);
        RestClient wallet = instances[Math.floorMod(next.getAndIncrement(), instances.length)];
        try {
            return wallet.post()
                    .uri("/internal/transfers")
                    .header("Idempotency-Key", reference)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        String text =
                                new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        if (status == 200 || status == 201) {
                            JsonNode node = json.readTree(text);
                            JsonNode id = node.get("id");
                            return new Completed(
                                    id != null && id.isString() ? UUID.fromString(id.stringValue()) : null);
                        }
                        String code = codeOf(text);
                        if (status == 422 && "INSUFFICIENT_FUNDS".equals(code)) {
                            return new InsufficientFunds("Not enough coins for this gift");
                        }
                        log.warn("Wallet refused gift transfer {}: {} {}", reference, status, code);
                        return new Unavailable("wallet answered " + status + (code == null ? "" : " " + code));
                    });
        } catch (RuntimeException e) {
            log.warn("Wallet call for gift transfer {} failed: {}", reference, e.toString());
            return new Unavailable(e.getClass().getSimpleName());
        }
    }

    /** What the wallet knows of a reference: the recovery of gifts whose answer was lost. */
    Outcome lookup(UUID giftId) {
        String reference = "gift:" + giftId;
        RestClient wallet = instances[Math.floorMod(next.getAndIncrement(), instances.length)];
        try {
            return wallet.get()
                    .uri("/internal/transfers/by-reference/{reference}", reference)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                        if (status == 200) {
                            JsonNode id = json.readTree(text).get("id");
                            return new Completed(
                                    id != null && id.isString() ? UUID.fromString(id.stringValue()) : null);
                        }
                        if (status == 404) {
                            return new NotFound();
                        }
                        return new Unavailable("wallet answered " + status);
                    });
        } catch (RuntimeException e) {
            return new Unavailable(e.getClass().getSimpleName());
        }
    }

    private String codeOf(String body) {
        try {
            JsonNode code = json.readTree(body).get("code");
            return code != null && code.isString() ? code.stringValue() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
