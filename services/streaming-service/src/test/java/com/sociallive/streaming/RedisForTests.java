package com.sociallive.streaming;

import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The real Redis the scale-out tests use; a missing Redis fails the test with the command that starts it. */
public final class RedisForTests {

    public static final String URL = "redis://127.0.0.1:6379";

    private RedisForTests() {}

    public static void require() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[16];
            int n = in.read(answer);
            if (n < 5 || !new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                throw new IllegalStateException("Redis did not answer PONG");
            }
        } catch (Exception e) {
            fail("The scale-out tests need Redis on 127.0.0.1:6379 (" + e.getMessage() + "). Start it with: "
                    + "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no");
        }
    }

    public static LettuceConnectionFactory connectionFactory() {
        require();
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
