package com.sociallive.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay on Netty's embedded channels: the client's end speaks frames, the instance's end raw server bytes. */
class FrameRelayTests {

    private final EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
    private final EmbeddedChannel upstream = new EmbeddedChannel();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final RevokedSessionWatch watch = new RevokedSessionWatch(revoked::contains, Duration.ofSeconds(1));

    @AfterEach
    void release() {
        client.finishAndReleaseAll();
        upstream.finishAndReleaseAll();
    }

    @Test
    void passesTheInstancesBytesOnUnchangedAndTheClientsFramesAsFrames() {
        start(null);
        ByteBuf bytes = serverBytes(new TextWebSocketFrame("one"), new TextWebSocketFrame("two"));
        ByteBuf sent = bytes.retainedDuplicate();
        upstream.writeInbound(bytes);

        ByteBuf relayed = client.readOutbound();
        assertThat(relayed).isSameAs(bytes); // the very buffer: not decoded, not copied
        assertThat(ByteBufUtil.equals(relayed, sent)).isTrue();
        relayed.release();
        sent.release();

        client.writeInbound(new TextWebSocketFrame("hello"));
        List<WebSocketFrame> toInstance = clientFrames(upstream);
        assertThat(((TextWebSocketFrame) toInstance.getFirst()).text()).isEqualTo("hello");
        toInstance.forEach(WebSocketFrame::release);
    }

    @Test
    void anExpiredTokenClosesTheSocketWith4001AfterTheFrameInFlight() throws Exception {
        start(Instant.now().plusMillis(50));
        ByteBuf frame = serverBytes(new TextWebSocketFrame("a frame that arrives in two reads"));
        upstream.writeInbound(frame.readRetainedSlice(10));

        Thread.sleep(100);
        client.runScheduledPendingTasks();
        upstream.writeInbound(frame); // the rest of the frame, and then a frame that must not reach the client
        upstream.writeInbound(serverBytes(new TextWebSocketFrame("after")));

        List<WebSocketFrame> received = serverFrames(client);
        assertThat(received).hasSize(2);
        assertThat(((TextWebSocketFrame) received.get(0)).text()).isEqualTo("a frame that arrives in two reads");
        CloseWebSocketFrame close = (CloseWebSocketFrame) received.get(1);
        assertThat(close.statusCode()).isEqualTo(FrameRelay.TOKEN_EXPIRED);
        assertThat(close.reasonText()).isEqualTo("access token expired");
        received.forEach(WebSocketFrame::release);

        List<WebSocketFrame> toInstance = clientFrames(upstream);
        assertThat(((CloseWebSocketFrame) toInstance.getFirst()).statusCode()).isEqualTo(FrameRelay.TOKEN_EXPIRED);
        toInstance.forEach(WebSocketFrame::release);
    }

    @Test
    void theInstancesCloseGoesThroughAndNothingAfterIt() {
        start(null);
        upstream.writeInbound(serverBytes(new CloseWebSocketFrame(1013, "try again later")));
        upstream.writeInbound(serverBytes(new TextWebSocketFrame("too late")));

        List<WebSocketFrame> received = serverFrames(client);
        assertThat(received).hasSize(1);
        assertThat(((CloseWebSocketFrame) received.getFirst()).statusCode()).isEqualTo(1013);
        received.forEach(WebSocketFrame::release);
    }

    @Test
    void anInstanceThatGoesAwayClosesTheClientWith1011() {
        start(null);
        upstream.close();

        List<WebSocketFrame> received = serverFrames(client);
        assertThat(((CloseWebSocketFrame) received.getFirst()).statusCode()).isEqualTo(1011);
        received.forEach(WebSocketFrame::release);
        client.runPendingTasks();
        assertThat(client.isActive()).isFalse();
    }

    @Test
    void aRevokedSessionClosesItsSocketWith4001AndOnlyItsOwn() {
        start(null, "session-a");
        EmbeddedChannel otherClient = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        EmbeddedChannel otherUpstream = new EmbeddedChannel();
        otherUpstream
                .pipeline()
                .addLast(new WebSocket13FrameEncoder(true))
                .addLast(UpstreamWebSocket.HANDSHAKE, new ChannelInboundHandlerAdapter());
        FrameRelay.start(otherClient, otherUpstream, new ArrayList<>(), null, "session-b", watch);

        assertThat(watch.check()).isZero();
        revoked.add("session-a"); // a logout, as the revoked-sessions poller learns it
        assertThat(watch.check()).isEqualTo(1);
        assertThat(watch.check()).as("closed once").isZero();
        client.runPendingTasks();
        upstream.writeInbound(serverBytes(new TextWebSocketFrame("after the close")));

        List<WebSocketFrame> received = serverFrames(client);
        assertThat(received).hasSize(1);
        CloseWebSocketFrame close = (CloseWebSocketFrame) received.getFirst();
        assertThat(close.statusCode()).isEqualTo(FrameRelay.TOKEN_EXPIRED);
        assertThat(close.reasonText()).isEqualTo("session revoked");
        received.forEach(WebSocketFrame::release);
        List<WebSocketFrame> toInstance = clientFrames(upstream);
        assertThat(((CloseWebSocketFrame) toInstance.getFirst()).statusCode()).isEqualTo(FrameRelay.TOKEN_EXPIRED);
        toInstance.forEach(WebSocketFrame::release);

        otherClient.runPendingTasks();
        assertThat(serverFrames(otherClient)).isEmpty();
        otherClient.finishAndReleaseAll();
        otherUpstream.finishAndReleaseAll();
    }

    private void start(Instant expiresAt) {
        start(expiresAt, null);
    }

    private void start(Instant expiresAt, String sessionId) {
        upstream.pipeline()
                .addLast(new WebSocket13FrameEncoder(true))
                .addLast(UpstreamWebSocket.HANDSHAKE, new ChannelInboundHandlerAdapter());
        FrameRelay.start(client, upstream, new ArrayList<>(), expiresAt, sessionId, watch);
    }

    private static ByteBuf serverBytes(WebSocketFrame... frames) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        ByteBuf bytes = Unpooled.buffer();
        for (WebSocketFrame frame : frames) {
            encoder.writeOutbound(frame);
            for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
                bytes.writeBytes(part);
                part.release();
            }
        }
        encoder.finishAndReleaseAll();
        return bytes;
    }

    /** What a client would decode from what was written to its channel. */
    private static List<WebSocketFrame> serverFrames(EmbeddedChannel channel) {
        return decode(channel, new WebSocket13FrameDecoder(false, false, 65536));
    }

    /** What the instance would decode (masked frames) from what was written to the upstream channel. */
    private static List<WebSocketFrame> clientFrames(EmbeddedChannel channel) {
        return decode(channel, new WebSocket13FrameDecoder(true, false, 65536));
    }

    private static List<WebSocketFrame> decode(EmbeddedChannel channel, WebSocket13FrameDecoder decoder) {
        EmbeddedChannel decoding = new EmbeddedChannel(decoder);
        for (Object written; (written = channel.readOutbound()) != null; ) {
            decoding.writeInbound(written);
        }
        List<WebSocketFrame> frames = new ArrayList<>();
        for (WebSocketFrame frame; (frame = decoding.readInbound()) != null; ) {
            frames.add(frame);
        }
        decoding.finishAndReleaseAll();
        return frames;
    }
}
