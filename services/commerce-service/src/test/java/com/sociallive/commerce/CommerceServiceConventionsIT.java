package com.sociallive.commerce;

import com.sociallive.platform.test.ServiceConventionsContract;

class CommerceServiceConventionsIT extends ServiceConventionsContract {}
