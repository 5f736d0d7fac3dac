package com.sociallive.streaming.room;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Writes frames to a Tomcat WebSocket without Tomcat encoding or framing them per socket.
 *
 * <p>The fast path hands the frame's pre-built bytes ({@link Frame#framed()}: header and UTF-8 payload, the same for
 * every socket) to Tomcat's own blocking socket write ({@code WsRemoteEndpointImplServer.doWrite}), all frames
 * queued for the socket in one write, while holding the endpoint's {@code messagePartInProgress} semaphore as
 * Tomcat's own sends do, so that a pong or a Close that Tomcat writes itself never lands inside one of these frames;
 * and only while the session is still {@code OPEN}, so that nothing follows a Close. It is used when no extension
 * (per-message deflate) was negotiated. Otherwise, or when a Tomcat upgrade moved any of it, frames go through
 * {@code WsRemoteEndpointImplBase.sendMessageBlock(opcode, payload, last)}: Tomcat frames (and compresses) the
 * pre-encoded payload, one frame per write.
 *
 * <p>Why: Tomcat's public API only sends text from a {@code String}, which it encodes again for every socket (17 %
 * of the service's CPU samples at 5,000 viewers); its blocking send then adds per frame a header built for the socket,
 * a copy of header and payload into temporary direct buffers, and its message bookkeeping (semaphore, message part,
 * send handler, extension chain). None of these methods is public API: {@code TomcatFrameWriterTests} fails if they
 * cannot be found in the Tomcat we ship. Skipping the public API also skips Tomcat's check that no partial message is
 * in progress; that holds by construction, because a {@link Connection} writes only whole messages, one write at a
 * time.
 */
final class TomcatFrameWriter implements FrameWriter {

    private static final Logger log = LoggerFactory.getLogger(TomcatFrameWriter.class);
    private static final byte OPCODE_TEXT = 0x1;
    /** Tomcat's default blocking send timeout ({@code org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT}) */
    private static final long SEND_TIMEOUT_MILLIS = 20_000;

    private static final Class<?> SESSION_CLASS;
    /** (WsSession) → WsRemoteEndpointImplBase, typed (Object) → Object */
    private static final MethodHandle REMOTE;
    /** (WsRemoteEndpointImplBase, opcode, payload, last), typed (Object, byte, ByteBuffer, boolean) → void */
    private static final MethodHandle SEND;
    /** (WsRemoteEndpointImplBase) → Semaphore */
    private static final MethodHandle IN_PROGRESS;
    /** (WsRemoteEndpointImplBase, SendHandler, timeoutExpiry, ByteBuffer[]) → void */
    private static final MethodHandle DO_WRITE;
    /** (WsSession) → AtomicReference of its state */
    private static final MethodHandle STATE;
    /** (WsSession) → void: keeps the idle timeout counting from the last write, as Tomcat's sends do */
    private static final MethodHandle TOUCH;

    private static final Object OPEN;

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
        MethodHandle inProgress = null;
        MethodHandle doWrite = null;
        MethodHandle state = null;
        MethodHandle touch = null;
        Object open = null;
        if (send != null) {
            try {
                ClassLoader loader = TomcatFrameWriter.class.getClassLoader();
                Class<?> endpoint =
                        Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase", false, loader);
                MethodHandles.Lookup endpointLookup = MethodHandles.privateLookupIn(endpoint, MethodHandles.lookup());
                inProgress = endpointLookup
                        .findGetter(endpoint, "messagePartInProgress", Semaphore.class)
                        .asType(MethodType.methodType(Semaphore.class, Object.class));
                doWrite = endpointLookup
                        .findVirtual(
                                endpoint,
                                "doWrite",
                                MethodType.methodType(void.class, SendHandler.class, long.class, ByteBuffer[].class))
                        .asType(MethodType.methodType(
                                void.class, Object.class, SendHandler.class, long.class, ByteBuffer[].class));
                MethodHandles.Lookup sessionLookup =
                        MethodHandles.privateLookupIn(sessionClass, MethodHandles.lookup());
                state = sessionLookup
                        .findGetter(sessionClass, "state", AtomicReference.class)
                        .asType(MethodType.methodType(AtomicReference.class, Object.class));
                touch = sessionLookup
                        .findVirtual(sessionClass, "updateLastActiveWrite", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                Class<?> stateClass = Class.forName("org.apache.tomcat.websocket.WsSession$State", false, loader);
                for (Object constant : stateClass.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals("OPEN")) {
                        open = constant;
                    }
                }
                if (open == null) {
                    throw new NoSuchFieldException("WsSession.State.OPEN");
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                log.info("Tomcat's socket write is not available, Tomcat frames each message: {}", e.toString());
                inProgress = null;
                doWrite = null;
                state = null;
                touch = null;
                open = null;
            }
        }
        SESSION_CLASS = sessionClass;
        REMOTE = remote;
        SEND = send;
        IN_PROGRESS = inProgress;
        DO_WRITE = doWrite;
        STATE = state;
        TOUCH = touch;
        OPEN = open;
    }

    private final Object session;
    private final Object endpoint;
    /** null: frames go through {@code sendMessageBlock} */
    private final Semaphore inProgress;

    private final AtomicReference<?> state;

    private TomcatFrameWriter(Object session, Object endpoint, Semaphore inProgress, AtomicReference<?> state) {
        this.session = session;
        this.endpoint = endpoint;
        this.inProgress = inProgress;
        this.state = state;
    }

    static boolean available() {
        return SEND != null;
    }

    /** Whether whole frames go to the socket as they are (without an extension negotiated). */
    static boolean socketWriteAvailable() {
        return DO_WRITE != null;
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
            Object endpoint = (Object) REMOTE.invokeExact(tomcatSession);
            if (DO_WRITE == null || !session.getExtensions().isEmpty()) {
                return new TomcatFrameWriter(tomcatSession, endpoint, null, null);
            }
            return new TomcatFrameWriter(
                    tomcatSession, endpoint, (Semaphore) IN_PROGRESS.invokeExact(endpoint), (AtomicReference<?>)
                            STATE.invokeExact(tomcatSession));
        } catch (Throwable e) {
            log.debug("Could not reach Tomcat's endpoint of a socket: {}", e.toString());
            return null;
        }
    }

    @Override
    public void write(Frame frame) throws IOException {
        if (inProgress == null) {
            send(frame);
        } else {
            writeFramed(new ByteBuffer[] {frame.framed()});
        }
    }

    @Override
    public void write(Frame[] frames, int count) throws IOException {
        if (inProgress == null) {
            for (int i = 0; i < count; i++) {
                send(frames[i]);
            }
            return;
        }
        ByteBuffer[] buffers = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = frames[i].framed();
        }
        writeFramed(buffers);
    }

    private void send(Frame frame) throws IOException {
        try {
            SEND.invokeExact(endpoint, OPCODE_TEXT, frame.payload(), true);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    private void writeFramed(ByteBuffer[] buffers) throws IOException {
        long expiry = System.currentTimeMillis() + SEND_TIMEOUT_MILLIS;
        try {
            if (!inProgress.tryAcquire(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new SocketTimeoutException("another write to this WebSocket did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write to a WebSocket");
        }
        try {
            if (state.get() != OPEN) {
                throw new IOException("the WebSocket is closing");
            }
            Result result = new Result();
            TOUCH.invokeExact(session);
            DO_WRITE.invokeExact(endpoint, (SendHandler) result, expiry, buffers);
            result.check();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        } finally {
            inProgress.release();
        }
    }

    /** A blocking write reports its outcome before {@code doWrite} returns. */
    private static final class Result implements SendHandler {

        private volatile SendResult result;

        @Override
        public void onResult(SendResult result) {
            this.result = result;
        }

        void check() throws IOException {
            if (result == null) {
                throw new IOException("the WebSocket write did not complete");
            }
            if (!result.isOK()) {
                Throwable cause = result.getException();
                throw cause instanceof IOException io ? io : new IOException(cause);
            }
        }
    }
}
