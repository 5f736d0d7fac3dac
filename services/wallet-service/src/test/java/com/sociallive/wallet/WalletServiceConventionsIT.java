package com.sociallive.wallet;

import com.sociallive.platform.test.ServiceConventionsContract;

class WalletServiceConventionsIT extends ServiceConventionsContract {}
