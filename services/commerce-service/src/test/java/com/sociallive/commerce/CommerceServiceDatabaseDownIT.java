package com.sociallive.commerce;

import com.sociallive.platform.test.DatabaseDownHealthContract;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
        properties = {
            "sociallive.commerce.recovery-interval=1h",
            "sociallive.commerce.recovery-initial-delay=1h",
            "sociallive.commerce.expiry-interval=1h"
        })
class CommerceServiceDatabaseDownIT extends DatabaseDownHealthContract {}
