package com.sociallive.gateway.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.NettyPipeline;

/**
 * Relays a WebSocket between a client and a streaming instance, both channels on one event loop. What the instance
 * sends (nearly all the traffic: every chat message to every viewer) is passed on as the bytes it read, neither
 * decoded nor copied: server frames are unmasked in both hops, so they are valid as they are; {@link FrameBoundaries}
 * only follows where frames end. What the client sends is decoded (it is masked, and may have to be cut short) and
 * written to the instance as a frame, masked again. Writes are flushed once per read. A side that cannot take more stops the other from reading, so a slow client backs up to its
 * socket on the streaming instance, which disconnects it (1013) as it would directly. Close frames, pings and pongs
 * pass through; after a Close has gone one way nothing but the matching Close follows it.
 *
 * <p>When the access token the socket was opened with expires, the relay closes the socket with
 * {@value #TOKEN_EXPIRED} ("access token expired"; the client reconnects with a fresh token) and tells the streaming
 * instance the same. When the token's login session is revoked (logout), {@link RevokedSessionWatch} has the relay
 * close both sides the same way, with {@value #TOKEN_EXPIRED} and the reason "session revoked" (the client's answer
 * is the same: a new token, which for a revoked session means logging in again). A close that is not answered within
 * {@link #CLOSE_GRACE} drops both connections.
 */
final class FrameRelay {

    /** The close code of a socket whose access token expired (application range 4000-4999 of RFC 6455). */
    static final int TOKEN_EXPIRED = 4001;

    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private static final int GOING_AWAY = 1001;
    private static final int UPSTREAM_LOST = 1011;
    private static final String HANDLER = "sociallive.websocketRelay";

    private final Channel client;
    private final Channel upstream;
    /** A Close frame was sent to the client / to the streaming instance. Touched on the one event loop only. */
    private boolean closeSentToClient;

    private boolean closeSentToUpstream;
    /**
     * The token expired (or its session was revoked) while a frame from the instance was half relayed: the Close,
     * with this reason, follows that frame's end; null when none is pending.
     */
    private String closePending;

    private final FrameBoundaries fromUpstream = new FrameBoundaries();
    private ScheduledFuture<?> expiry;
    private ScheduledFuture<?> grace;
    private final RevokedSessionWatch watch;

    private FrameRelay(Channel client, Channel upstream, RevokedSessionWatch watch) {
        this.client = client;
        this.upstream = upstream;
        this.watch = watch;
    }

    /**
     * Starts relaying; runs on the client's event loop, which is the upstream channel's too.
     *
     * @param early bytes the upstream sent before the relay started, in order; owned by the relay from here
     * @param expiresAt when the socket's access token expires; null when the edge check is off
     * @param sessionId the login session of that token; null when the edge check is off or the token has none
     * @param watch closes the relay when that session is revoked
     */
    static void start(
            Channel client,
            Channel upstream,
            List<ByteBuf> early,
            Instant expiresAt,
            String sessionId,
            RevokedSessionWatch watch) {
        if (!client.eventLoop().inEventLoop()) {
            client.eventLoop().execute(() -> start(client, upstream, early, expiresAt, sessionId, watch));
            return;
        }
        FrameRelay relay = new FrameRelay(client, upstream, watch);
        if (client.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
            // before Reactor Netty's own handler: the frames never become Reactor signals
            client.pipeline().addBefore(NettyPipeline.ReactiveBridge, HANDLER, relay.new FromClient());
        } else {
            client.pipeline().addLast(HANDLER, relay.new FromClient());
        }
        upstream.pipeline().replace(UpstreamWebSocket.HANDSHAKE, HANDLER, relay.new FromUpstream());
        for (ByteBuf bytes : early) {
            relay.bytesToClient(bytes);
        }
        early.clear();
        client.flush();
        if (!client.isActive()) {
            relay.closeAfterFlush(upstream);
            return;
        }
        if (!upstream.isActive()) {
            relay.upstreamLost();
            return;
        }
        if (expiresAt != null) {
            long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
            relay.expiry = client.eventLoop().schedule(relay::tokenExpired, delay, TimeUnit.MILLISECONDS);
        }
        watch.watch(relay, sessionId);
        client.config().setAutoRead(true);
        upstream.config().setAutoRead(true);
    }

    private boolean toClient(WebSocketFrame frame) {
        if (closeSentToClient) {
            frame.release(); // the client was told goodbye already (say, an expired token): nothing after that
            return false;
        }
        if (frame instanceof CloseWebSocketFrame) {
            closeSentToClient = true;
            startGrace();
        }
        client.write(frame, client.voidPromise());
        return true;
    }

    /** Passes on what the instance sent; true when something was written. */
    private boolean bytesToClient(ByteBuf bytes) {
        if (closeSentToClient) {
            bytes.release();
            return false;
        }
        int from = bytes.readerIndex();
        int end = bytes.writerIndex();
        if (closePending != null) {
            int cut = fromUpstream.advance(bytes, from, end, true);
            if (fromUpstream.atBoundary()) {
                if (cut > from) {
                    client.write(bytes.retainedSlice(from, cut - from), client.voidPromise());
                }
                bytes.release(); // what follows the cut is never sent: the client is closed
                String reason = closePending;
                closePending = null;
                toClient(new CloseWebSocketFrame(TOKEN_EXPIRED, reason));
                return true;
            }
        } else {
            fromUpstream.advance(bytes, from, end, false);
        }
        client.write(bytes, client.voidPromise());
        if (fromUpstream.closeDone()) {
            closeSentToClient = true; // the instance's own Close went by
            startGrace();
        }
        return true;
    }

    private boolean toUpstream(WebSocketFrame frame) {
        if (closeSentToUpstream) {
            frame.release();
            if (frame instanceof CloseWebSocketFrame && closeSentToClient) {
                client.close(); // the client answered the Close the relay sent it
            }
            return false;
        }
        if (frame instanceof CloseWebSocketFrame) {
            closeSentToUpstream = true;
            startGrace();
        }
        upstream.write(frame, upstream.voidPromise());
        return true;
    }

    private void tokenExpired() {
        closeBoth("access token expired");
    }

    /** The socket's login session was revoked: closed as an expired token is; from any thread. */
    void sessionRevoked() {
        client.eventLoop().execute(() -> closeBoth("session revoked"));
    }

    private void closeBoth(String reason) {
        if (!closeSentToClient && closePending == null) {
            if (fromUpstream.atBoundary()) {
                toClient(new CloseWebSocketFrame(TOKEN_EXPIRED, reason));
                client.flush();
            } else {
                closePending = reason;
                startGrace(); // should the rest of the frame never come
            }
        }
        if (!closeSentToUpstream) {
            toUpstream(new CloseWebSocketFrame(TOKEN_EXPIRED, reason));
            upstream.flush();
        }
    }

    private void upstreamLost() {
        if (client.isActive() && !closeSentToClient && fromUpstream.atBoundary()) {
            toClient(new CloseWebSocketFrame(UPSTREAM_LOST, "the streaming service closed the connection"));
        }
        closeAfterFlush(client);
    }

    private void clientLost() {
        if (upstream.isActive() && !closeSentToUpstream) {
            toUpstream(new CloseWebSocketFrame(GOING_AWAY, "the client went away"));
        }
        closeAfterFlush(upstream);
    }

    private void startGrace() {
        if (grace == null) {
            grace = client.eventLoop()
                    .schedule(
                            () -> {
                                client.close();
                                upstream.close();
                            },
                            CLOSE_GRACE.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }

    private void stopTimers() {
        watch.forget(this);
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (grace != null && !client.isActive() && !upstream.isActive()) {
            grace.cancel(false);
        }
    }

    private void closeAfterFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** On the client's channel, after its WebSocket decoder. */
    private final class FromClient extends ChannelInboundHandlerAdapter {

        private boolean written;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame frame) {
                written |= toUpstream(frame);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (written) {
                written = false;
                upstream.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            upstream.config().setAutoRead(client.isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            clientLost();
            stopTimers();
            ctx.fireChannelInactive(); // Reactor Netty ends the exchange
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken or protocol-violating client; channelInactive tells the upstream
        }
    }

    /** On the upstream channel, where its WebSocket decoder was: it receives the bytes the instance sent. */
    private final class FromUpstream extends ChannelInboundHandlerAdapter {

        private boolean written;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes) {
                written |= bytesToClient(bytes);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (written) {
                written = false;
                client.flush();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            client.config().setAutoRead(upstream.isWritable());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            upstreamLost();
            stopTimers();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
