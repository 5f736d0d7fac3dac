package com.sociallive.commerce;

import com.sociallive.platform.test.ServiceConventionsContract;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            "sociallive.commerce.recovery-interval=1h",
            "sociallive.commerce.recovery-initial-delay=1h",
            "sociallive.commerce.expiry-interval=1h"
        })
class CommerceServiceConventionsIT extends ServiceConventionsContract {

    @DynamicPropertySource
    static void walletUrl(DynamicPropertyRegistry registry) {
        registry.add("sociallive.services.wallet", FakeWallet.get()::url);
    }
}
