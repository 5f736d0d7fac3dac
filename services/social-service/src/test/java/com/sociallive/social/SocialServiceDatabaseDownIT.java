package com.sociallive.social;

import com.sociallive.platform.test.DatabaseDownHealthContract;

class SocialServiceDatabaseDownIT extends DatabaseDownHealthContract {}
