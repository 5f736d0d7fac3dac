package com.sociallive.streaming.gift;

import static org.assertj.core.api.Assertions.assertThat;

import com.sociallive.streaming.FakeWallet;
import com.sociallive.streaming.StreamingTestSupport;
import com.sociallive.streaming.WsClient;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class GiftRecoveryIT extends StreamingTestSupport {

    @Autowired
    GiftRecovery recovery;

    @Autowired
    JdbcClient jdbc;

    private void silenceFor(String key, int seconds) {
        jdbc.sql("UPDATE gift_idempotency_keys SET updated_at = now() - make_interval(secs => ?) WHERE key = ?")
                .param(seconds)
                .param(key)
                .update();
    }

    @Test
    void shouldCompleteGiftWhoseWalletAnswerWasLostAndNeverRetried() throws Exception {
        TestUser host = user("recovered");
        String id = startStream(host, "recovery", null).path("id").asString();
        TestUser fan = user("gone");
        FakeWallet.get().deposit(fan.id(), 100);
        String key = UUID.randomUUID().toString();
        try (WsClient hostSocket = WsClient.connect(port, id, host.token())) {
            FakeWallet.get().loseNextAnswers(1);
            HttpResponse<String> lost = post("/gifts", fan, "{\"streamId\":\"" + id + "\",\"amount\":60}", key);
            assertThat(lost.statusCode()).isEqualTo(503);
            assertThat(recovery.recover()).as("not silent long enough yet").isZero();

            silenceFor(key, 120);
            assertThat(recovery.recover()).isEqualTo(1);
            JsonNode event = hostSocket.next("gift");
            assertThat(event.path("amount").asLong()).isEqualTo(60);
            assertThat(event.path("from").path("id").asString())
                    .isEqualTo(fan.id().toString());
        }
        assertThat(FakeWallet.get().balance(fan.id())).isEqualTo(40);
        // the client's late retry now gets the first (successful) answer, and nothing moves again
        HttpResponse<String> retry = post("/gifts", fan, "{\"streamId\":\"" + id + "\",\"amount\":60}", key);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(FakeWallet.get().balance(fan.id())).isEqualTo(40);
        assertThat(json(post("/end", host, "{\"streamId\":\"" + id + "\"}"))
                        .path("stats")
                        .path("giftsTotal")
                        .asLong())
                .isEqualTo(60);
    }
}
