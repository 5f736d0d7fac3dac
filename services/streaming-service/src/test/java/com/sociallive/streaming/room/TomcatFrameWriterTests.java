package com.sociallive.streaming.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TomcatFrameWriterTests {

    @Test
    void shouldFindTomcatsSendPathInTheTomcatWeShip() {
        // if a Tomcat upgrade moves it, every socket silently falls back to encoding each frame itself: fail here
        assertThat(TomcatFrameWriter.available()).isTrue();
        // and if its socket write moves, every socket silently falls back to Tomcat framing each frame again
        assertThat(TomcatFrameWriter.socketWriteAvailable()).isTrue();
    }
}
