package com.sociallive.wallet;

import com.sociallive.platform.test.DatabaseDownHealthContract;

class WalletServiceDatabaseDownIT extends DatabaseDownHealthContract {}
