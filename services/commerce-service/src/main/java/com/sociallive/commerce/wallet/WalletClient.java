package com.sociallive.commerce.wallet;

import com.sociallive.platform.client.ServiceClients;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wallet's internal transfer API (docs/internal-apis.md) as the commerce saga needs it. Never throws for an
 * answer or a network failure: every outcome is a value, and the caller decides what it means for its saga.
 */
@Component
public class WalletClient {

    private static final Logger log = LoggerFactory.getLogger(WalletClient.class);

    private final List<RestClient> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final JsonMapper json;

    WalletClient(ServiceClients clients, @Value("${sociallive.services.wallet}") String walletUrls, JsonMapper json) {
        this.instances = Arrays.stream(walletUrls.split(","))
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .map(clients::restClient)
                .toList();
        this.json = json;
    }

    /** What the wallet sent back for a transfer (InternalTransfer). */
    public record Transfer(
            UUID id, String reference, UUID fromUserId, UUID toUserId, long amount, String currency, String type) {}

    public record TransferRequest(
            UUID fromUserId, UUID toUserId, long amount, String currency, String type, String reference, String note) {}

    public sealed interface Outcome {}

    /** The money moved (now or by an earlier call with the same reference). */
    public record Moved(Transfer transfer) implements Outcome {}

    /** The wallet refused with a 4xx: nothing moved. */
    public record Refused(int status, String code, String detail) implements Outcome {}

    /** The request never reached the wallet (connection refused or not established): nothing moved. */
    public record NotSent(String reason) implements Outcome {}

    /** The wallet is still working on a call with the same key (a concurrent retry of the same attempt). */
    public record InProgress() implements Outcome {}

    /** No definite answer (timeout, broken connection, 5xx, request in progress): the money may or may not have moved. */
    public record Unknown(String reason) implements Outcome {}

    /** POST /internal/transfers with an Idempotency-Key. */
    public Outcome transfer(String idempotencyKey, TransferRequest request) {
        try {
            return instance()
                    .post()
                    .uri("/internal/transfers")
                    .header("Idempotency-Key", idempotencyKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(request)
                    .exchange((req, res) -> {
                        int status = res.getStatusCode().value();
                        byte[] body = res.getBody().readAllBytes();
                        if (status == 200 || status == 201) {
                            return new Moved(parseTransfer(body));
                        }
                        JsonNode problem = parse(body);
                        String code =
                                problem == null ? null : problem.path("code").asString(null);
                        String detail =
                                problem == null ? null : problem.path("detail").asString(null);
                        if (status == 409 && "REQUEST_IN_PROGRESS".equals(code)) {
                            return new InProgress();
                        }
                        if (status >= 500) {
                            return new Unknown("wallet answered " + status + " " + code);
                        }
                        if (status == 409 || status == 401 || status == 403 || status == 404 || status == 429) {
                            // not a verdict on this transfer; resolve it later by reference
                            return new Unknown("wallet answered " + status + " " + code);
                        }
                        return new Refused(status, code, detail);
                    });
        } catch (RestClientException | IllegalStateException e) {
            return failure(e);
        }
    }

    public sealed interface Lookup {}

    public record Found(Transfer transfer) implements Lookup {}

    public record Absent() implements Lookup {}

    public record Unanswered(String reason) implements Lookup {}

    /** GET /internal/transfers/by-reference/{reference}: did a transfer with this reference happen? */
    public Lookup byReference(String reference) {
        try {
            return instance()
                    .get()
                    .uri("/internal/transfers/by-reference/{reference}", reference)
                    .exchange((req, res) -> {
                        int status = res.getStatusCode().value();
                        byte[] body = res.getBody().readAllBytes();
                        if (status == 200) {
                            return new Found(parseTransfer(body));
                        }
                        JsonNode problem = parse(body);
                        String code =
                                problem == null ? null : problem.path("code").asString(null);
                        if (status == 404 && (code == null || "NOT_FOUND".equals(code))) {
                            return new Absent();
                        }
                        return new Unanswered("wallet answered " + status + " " + code);
                    });
        } catch (RestClientException | IllegalStateException e) {
            log.warn("Wallet lookup of {} failed: {}", reference, e.toString());
            return new Unanswered(e.toString());
        }
    }

    private Outcome failure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                log.warn("Wallet unreachable: {}", t.toString());
                return new NotSent(t.toString());
            }
        }
        log.warn("Wallet call ended without an answer: {}", e.toString());
        return new Unknown(e.toString());
    }

    private RestClient instance() {
        return instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
    }

    private Transfer parseTransfer(byte[] body) throws IOException {
        JsonNode node = parse(body);
        if (node == null || node.path("id").isMissingNode()) {
            throw new IOException("wallet answered without a transfer");
        }
        return new Transfer(
                UUID.fromString(node.path("id").asString()),
                node.path("reference").asString(null),
                uuidOrNull(node.path("fromUserId").asString(null)),
                uuidOrNull(node.path("toUserId").asString(null)),
                node.path("amount").asLong(),
                node.path("currency").asString(null),
                node.path("type").asString(null));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static UUID uuidOrNull(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
