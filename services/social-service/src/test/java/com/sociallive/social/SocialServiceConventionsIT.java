package com.sociallive.social;

import com.sociallive.platform.test.ServiceConventionsContract;

class SocialServiceConventionsIT extends ServiceConventionsContract {}
