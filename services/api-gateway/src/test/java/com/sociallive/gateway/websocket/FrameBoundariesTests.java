package com.sociallive.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBoundariesTests {

    @Test
    void findsTheEndOfEveryFrameWhereverTheBytesAreCut() {
        for (boolean masked : new boolean[] {false, true}) {
            List<Integer> ends = new ArrayList<>();
            ByteBuf stream = encode(
                    masked,
                    ends,
                    new TextWebSocketFrame("hi"), // 7-bit length
                    new TextWebSocketFrame(""), // empty payload
                    new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[300])), // 16-bit length
                    new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[70_000])), // 64-bit length
                    new TextWebSocketFrame("last"));
            for (int piece = 1; piece <= 9; piece++) {
                assertThat(boundariesFound(stream, piece))
                        .as("masked %s, cut every %d bytes", masked, piece)
                        .isEqualTo(ends);
            }
            stream.release();
        }
    }

    @Test
    void tellsWhenACloseFrameHasGoneByCompletely() {
        ByteBuf stream =
                encode(false, new ArrayList<>(), new TextWebSocketFrame("x"), new CloseWebSocketFrame(1013, "slow"));
        FrameBoundaries boundaries = new FrameBoundaries();
        int end = stream.writerIndex();
        boundaries.advance(stream, 0, end - 1, false);
        assertThat(boundaries.closeDone()).isFalse(); // its last byte is still missing
        assertThat(boundaries.atBoundary()).isFalse();
        boundaries.advance(stream, end - 1, end, false);
        assertThat(boundaries.closeDone()).isTrue();
        assertThat(boundaries.atBoundary()).isTrue();
        stream.release();
    }

    /** Feeds the stream in pieces of {@code piece} bytes and collects where {@code stopAtBoundary} stopped. */
    private static List<Integer> boundariesFound(ByteBuf stream, int piece) {
        FrameBoundaries boundaries = new FrameBoundaries();
        List<Integer> found = new ArrayList<>();
        for (int from = 0; from < stream.writerIndex(); from += piece) {
            int end = Math.min(stream.writerIndex(), from + piece);
            int index = from;
            while (index < end) {
                index = boundaries.advance(stream, index, end, true);
                if (boundaries.atBoundary()) {
                    found.add(index);
                }
            }
        }
        return found;
    }

    private static ByteBuf encode(boolean masked, List<Integer> ends, WebSocketFrame... frames) {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(masked));
        ByteBuf stream = Unpooled.buffer();
        for (WebSocketFrame frame : frames) {
            channel.writeOutbound(frame);
            for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
                stream.writeBytes(part);
                part.release();
            }
            ends.add(stream.writerIndex());
        }
        channel.finishAndReleaseAll();
        return stream;
    }
}
