package com.sociallive.auth;

import com.sociallive.platform.test.ServiceConventionsContract;

class AuthServiceConventionsIT extends ServiceConventionsContract {}
