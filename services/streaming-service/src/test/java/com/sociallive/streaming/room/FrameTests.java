package com.sociallive.streaming.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pre-built frame bytes, checked against RFC 6455 5.2 for the three length encodings. */
class FrameTests {

    @Test
    void shouldLayOutAnUnmaskedFinalTextFrameForEachLengthEncoding() {
        for (int length : new int[] {0, 1, 125, 126, 500, 65_535, 65_536, 70_000}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2);
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer framed = Frame.of(text).framed();

            assertThat(framed.get(0)).as("FIN + text, length %d", length).isEqualTo((byte) 0x81);
            int header;
            long declared;
            int marker = framed.get(1) & 0xFF;
            assertThat(marker & 0x80).as("unmasked").isZero();
            if (payload.length < 126) {
                header = 2;
                declared = marker;
            } else if (payload.length <= 0xFFFF) {
                assertThat(marker).isEqualTo(126);
                header = 4;
                declared = framed.getShort(2) & 0xFFFF;
            } else {
                assertThat(marker).isEqualTo(127);
                header = 10;
                declared = framed.getLong(2);
            }
            assertThat(declared).isEqualTo(payload.length);
            assertThat(framed.remaining()).isEqualTo(header + payload.length);
            byte[] body = new byte[payload.length];
            framed.get(header, body);
            assertThat(body).isEqualTo(payload);
        }
    }

    @Test
    void shouldHandEachWriteItsOwnViewOfTheSameBytes() {
        Frame frame = Frame.of("{\"type\":\"chat\"}");
        ByteBuffer first = frame.framed();
        first.position(first.limit()); // as a write leaves it
        ByteBuffer second = frame.framed();
        assertThat(second.position()).isZero();
        assertThat(second.isDirect()).isTrue();
    }
}
