package com.sociallive.streaming;

import com.sociallive.streaming.config.StreamingProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(StreamingProperties.class)
public class StreamingServiceApplication {

    /** Tomcat's per-socket WebSocket send buffers (8 KB each by default); read once, when Tomcat's classes load. */
    static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        // every open viewer socket keeps two of these; server frames are small (a chat message is under 2 KB,
        // a larger frame is written in pieces), and 5,000 viewers then need 60 MB less heap
        if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
            System.setProperty(WEBSOCKET_BUFFER_SIZE, "2048");
        }
        SpringApplication.run(StreamingServiceApplication.class, args);
    }
}
