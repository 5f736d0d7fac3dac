package com.sociallive.social.users;

import com.sociallive.platform.client.ServiceClients;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserDirectoryProperties.class)
class UsersConfiguration {

    @Bean
    UserDirectory userDirectory(ServiceClients clients, UserDirectoryProperties properties, Clock clock) {
        return new UserDirectory(clients, properties, clock);
    }
}
