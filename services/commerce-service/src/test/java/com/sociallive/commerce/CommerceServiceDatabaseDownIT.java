package com.sociallive.commerce;

import com.sociallive.platform.test.DatabaseDownHealthContract;

class CommerceServiceDatabaseDownIT extends DatabaseDownHealthContract {}
