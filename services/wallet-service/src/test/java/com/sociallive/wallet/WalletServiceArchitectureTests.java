package com.sociallive.wallet;

import com.sociallive.platform.test.ArchitectureContract;

class WalletServiceArchitectureTests extends ArchitectureContract {}
