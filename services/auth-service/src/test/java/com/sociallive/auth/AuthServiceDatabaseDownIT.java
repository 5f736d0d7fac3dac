package com.sociallive.auth;

import com.sociallive.platform.test.DatabaseDownHealthContract;

class AuthServiceDatabaseDownIT extends DatabaseDownHealthContract {}
