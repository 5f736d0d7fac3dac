package com.sociallive.streaming.room;

import java.io.IOException;
import org.springframework.web.socket.WebSocketSession;

/** Writes shared, already encoded frames to one socket, blocking until each is written (or failed). */
interface FrameWriter {

    void write(Frame frame) throws IOException;

    /** Writes {@code frames[0..count)} in order; a writer that can puts them in one socket write. */
    default void write(Frame[] frames, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            write(frames[i]);
        }
    }

    /** Tomcat's socket writes the frame's bytes as they are; any other session encodes the text itself. */
    static FrameWriter of(WebSocketSession session) {
        FrameWriter tomcat = TomcatFrameWriter.of(session);
        return tomcat != null ? tomcat : frame -> session.sendMessage(frame.message());
    }
}
