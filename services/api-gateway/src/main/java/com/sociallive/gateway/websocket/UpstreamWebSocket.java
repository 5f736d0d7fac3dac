package com.sociallive.gateway.websocket;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The gateway's WebSocket connection to a streaming instance, in plain Netty: connect, send the upgrade, and either
 * hand over the upgraded channel or report the instance's refusal with its status, headers and body (the service
 * answers a refused upgrade with problem+json: 401, 403, 404, 409 STREAM_ENDED, which the client must see).
 *
 * <p>The channel is opened on the event loop of the client's channel, so that relaying a frame between the two is a
 * plain call on one thread, never a task handed to another loop.
 */
final class UpstreamWebSocket {

    /** The instance's answer to the upgrade. */
    sealed interface Answer permits Accepted, Refused {}

    /**
     * The upgrade was accepted: {@code channel} takes {@code WebSocketFrame}s to send (masked by its encoder) and
     * delivers what the instance sends as raw bytes ({@code ByteBuf}, not decoded: the relay passes them on as they
     * are); it does not read until the relay starts. Bytes that arrived with the 101 are in {@code early}, owned by
     * the receiver.
     */
    record Accepted(Channel channel, String subprotocol, List<ByteBuf> early) implements Answer {}

    /** The upgrade was refused with an ordinary HTTP answer; the connection is already closed. */
    record Refused(HttpResponseStatus status, HttpHeaders headers, byte[] body) implements Answer {}

    /** The name of the handshake handler in the upstream pipeline, which the relay replaces. */
    static final String HANDSHAKE = "sociallive.upstreamHandshake";

    private static final int MAX_REFUSAL_BODY = 64 * 1024;

    private UpstreamWebSocket() {}

    static Mono<Answer> open(
            EventLoop loop,
            Class<? extends Channel> channelType,
            URI uri,
            HttpHeaders headers,
            String subprotocols,
            WebSocketRelayProperties properties) {
        return Mono.create(sink -> {
            WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                    uri,
                    WebSocketVersion.V13,
                    subprotocols,
                    false, // no extensions: the client's frames are relayed as they are, so no compression here
                    headers,
                    (int) properties.maxFramePayload().toBytes(),
                    true, // a client masks what it sends
                    false,
                    -1,
                    false,
                    false); // the client's own Origin, if any, is among the forwarded headers
            Handshake handshake = new Handshake(handshaker, sink, properties.handshakeTimeout());
            Bootstrap bootstrap = new Bootstrap()
                    .group(loop)
                    .channelFactory(new ReflectiveChannelFactory<>(channelType))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                            properties.connectTimeout().toMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline()
                                    .addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_REFUSAL_BODY))
                                    .addLast(HANDSHAKE, handshake);
                        }
                    });
            int port = uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80);
            Channel channel = bootstrap
                    .connect(uri.getHost(), port)
                    .addListener(connected -> {
                        if (!connected.isSuccess()) {
                            handshake.fail(connected.cause());
                        }
                    })
                    .channel();
            sink.onCancel(() -> {
                if (!handshake.done) {
                    channel.close();
                }
            });
        });
    }

    /** Sends the upgrade when connected, and turns the answer into an {@link Answer}. */
    private static final class Handshake extends ChannelInboundHandlerAdapter {

        private final WebSocketClientHandshaker handshaker;
        private final MonoSink<Answer> sink;
        private final Duration timeout;
        private final List<ByteBuf> early = new ArrayList<>(2);
        private ScheduledFuture<?> timer;
        private volatile boolean done;
        private boolean handedOver;

        Handshake(WebSocketClientHandshaker handshaker, MonoSink<Answer> sink, Duration timeout) {
            this.handshaker = handshaker;
            this.sink = sink;
            this.timeout = timeout;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            timer = ctx.executor()
                    .schedule(
                            () -> {
                                fail(new TimeoutException("no answer to the WebSocket upgrade within " + timeout));
                                ctx.close();
                            },
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
            handshaker.handshake(ctx.channel()).addListener(sent -> {
                if (!sent.isSuccess()) {
                    fail(sent.cause());
                    ctx.close();
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes && handedOver) {
                early.add(bytes); // arrived with or right after the 101, before the relay took over
                return;
            }
            if (!(msg instanceof FullHttpResponse response) || done) {
                ReferenceCountUtil.release(msg);
                return;
            }
            try {
                if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    handshaker.finishHandshake(ctx.channel(), response);
                    // the instance's frames are relayed as bytes: no decoding, no copy (FrameBoundaries follows them)
                    ctx.pipeline().remove(WebSocketFrameDecoder.class);
                    ctx.channel().config().setAutoRead(false);
                    handedOver = true;
                    succeed(new Accepted(ctx.channel(), handshaker.actualSubprotocol(), early));
                } else {
                    byte[] body = ByteBufUtil.getBytes(response.content());
                    succeed(new Refused(response.status(), response.headers().copy(), body));
                    ctx.close();
                }
            } catch (RuntimeException e) { // a 101 with a wrong accept key or protocol
                fail(e);
                ctx.close();
            } finally {
                response.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new IOException("the streaming instance closed the connection before answering the upgrade"));
            releaseEarly();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        private void succeed(Answer answer) {
            if (!done) {
                done = true;
                timer.cancel(false);
                sink.success(answer);
            }
        }

        void fail(Throwable cause) {
            if (!done) {
                done = true;
                if (timer != null) {
                    timer.cancel(false);
                }
                sink.error(cause);
            }
        }

        private void releaseEarly() {
            early.forEach(ReferenceCountUtil::release);
            early.clear();
        }
    }
}
