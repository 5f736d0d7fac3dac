package com.sociallive.streaming.room;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Writes a frame's pre-encoded UTF-8 bytes as a text frame through Tomcat's own blocking send path
 * ({@code WsRemoteEndpointImplBase.sendMessageBlock(opcode, payload, last)}: framing, per-message deflate, send
 * timeout and close handling stay Tomcat's).
 *
 * <p>Why: Tomcat's public API only sends text from a {@code String}, which it encodes again for every socket, through
 * a {@code CharBuffer} view of the string that has no array behind it, one {@code charAt} at a time. With 5,000
 * viewers that per-socket encoding was the largest single item of the service's CPU profile (17 % of the samples).
 * The method is not public API: when it cannot be found (another Tomcat version, another server) {@link #of} answers
 * null and the caller falls back to the encoding path; {@code TomcatFrameWriterTests} fails if that happens with the
 * Tomcat we ship.
 *
 * <p>Skipping the public API also skips Tomcat's check that no partial message is in progress; that holds by
 * construction, because a {@link Connection} writes only whole messages, one at a time.
 */
final class TomcatFrameWriter implements FrameWriter {

    private static final Logger log = LoggerFactory.getLogger(TomcatFrameWriter.class);
    private static final byte OPCODE_TEXT = 0x1;
    private static final Class<?> SESSION_CLASS;
    /** (WsSession) → WsRemoteEndpointImplBase, typed (Object) → Object */
    private static final MethodHandle REMOTE;
    /** (WsRemoteEndpointImplBase, opcode, payload, last), typed (Object, byte, ByteBuffer, boolean) → void */
    private static final MethodHandle SEND;

    static {
        Class<?> sessionClass = null;
        MethodHandle remote = null;
        MethodHandle send = null;
        try {
            ClassLoader loader = TomcatFrameWriter.class.getClassLoader();
            sessionClass = Class.forName("org.apache.tomcat.websocket.WsSession", false, loader);
            Class<?> endpoint = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase", false, loader);
            remote = MethodHandles.privateLookupIn(sessionClass, MethodHandles.lookup())
                    .findGetter(sessionClass, "wsRemoteEndpoint", endpoint)
                    .asType(MethodType.methodType(Object.class, Object.class));
            send = MethodHandles.privateLookupIn(endpoint, MethodHandles.lookup())
                    .findVirtual(
                            endpoint,
                            "sendMessageBlock",
                            MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class))
                    .asType(MethodType.methodType(
                            void.class, Object.class, byte.class, ByteBuffer.class, boolean.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.info("Tomcat's frame send path is not available, each socket encodes its text: {}", e.toString());
            sessionClass = null;
            remote = null;
            send = null;
        }
        SESSION_CLASS = sessionClass;
        REMOTE = remote;
        SEND = send;
    }

    private final Object endpoint;

    private TomcatFrameWriter(Object endpoint) {
        this.endpoint = endpoint;
    }

    static boolean available() {
        return SEND != null;
    }

    /** A writer for a socket of Tomcat's, or null when the session is not one (or the path is unavailable). */
    static FrameWriter of(WebSocketSession session) {
        if (SEND == null
                || !(WebSocketSessionDecorator.unwrap(session) instanceof NativeWebSocketSession nativeSession)) {
            return null;
        }
        Object tomcatSession = nativeSession.getNativeSession();
        if (!SESSION_CLASS.isInstance(tomcatSession)) {
            return null;
        }
        try {
            return new TomcatFrameWriter((Object) REMOTE.invokeExact(tomcatSession));
        } catch (Throwable e) {
            log.debug("Could not reach Tomcat's endpoint of a socket: {}", e.toString());
            return null;
        }
    }

    @Override
    public void write(Frame frame) throws IOException {
        try {
            SEND.invokeExact(endpoint, OPCODE_TEXT, frame.payload(), true);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }
}
