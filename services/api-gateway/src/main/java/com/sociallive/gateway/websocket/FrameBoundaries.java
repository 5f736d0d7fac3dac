package com.sociallive.gateway.websocket;

import io.netty.buffer.ByteBuf;

/**
 * Follows an RFC 6455 frame stream that is relayed as raw bytes, without copying or decoding it: where each frame
 * ends, and whether a Close frame has gone by. Only the 2-14 header bytes of each frame are read; a payload is
 * skipped by its length. The relay needs this to put a frame of its own (a Close) between two frames, never inside
 * one, and to stop relaying after the streaming instance's Close.
 */
final class FrameBoundaries {

    private static final int OPCODE_CLOSE = 0x8;

    private final byte[] header = new byte[14];
    private int headerLength;
    /** Header bytes this frame has in all; known once its first two bytes are in. */
    private int headerSize = 2;

    private long payloadLeft;
    private boolean inClose;
    private boolean closeDone;

    /** True between two frames: the next byte starts a frame. */
    boolean atBoundary() {
        return headerLength == 0 && payloadLeft == 0;
    }

    /** True once a whole Close frame has gone by. */
    boolean closeDone() {
        return closeDone;
    }

    /**
     * Moves over {@code buf}'s bytes from {@code index} to {@code end} (not the reader index: nothing is consumed).
     *
     * @param stopAtBoundary stop at the first frame boundary reached
     * @return where it stopped: {@code end}, or with {@code stopAtBoundary} the index just after the first frame that
     *     ended
     */
    int advance(ByteBuf buf, int index, int end, boolean stopAtBoundary) {
        while (index < end) {
            if (payloadLeft > 0) {
                int skipped = (int) Math.min(payloadLeft, end - index);
                payloadLeft -= skipped;
                index += skipped;
            } else {
                header[headerLength++] = buf.getByte(index++);
                if (headerLength == 2) {
                    int length7 = header[1] & 0x7f;
                    boolean masked = (header[1] & 0x80) != 0;
                    headerSize = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
                }
                if (headerLength < headerSize) {
                    continue;
                }
                payloadLeft = payloadLength();
                inClose = (header[0] & 0x0f) == OPCODE_CLOSE;
                headerLength = 0;
                headerSize = 2;
            }
            if (payloadLeft == 0 && headerLength == 0) { // a frame ended here
                if (inClose) {
                    closeDone = true;
                }
                if (stopAtBoundary) {
                    return index;
                }
            }
        }
        return index;
    }

    private long payloadLength() {
        int length7 = header[1] & 0x7f;
        if (length7 < 126) {
            return length7;
        }
        if (length7 == 126) {
            return ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
        }
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = (length << 8) | (header[i] & 0xffL);
        }
        return length & Long.MAX_VALUE; // the most significant bit must be 0 (RFC 6455 5.2)
    }
}
