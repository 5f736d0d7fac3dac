package com.sociallive.streaming;

import com.sociallive.platform.test.DatabaseDownHealthContract;

class StreamingServiceDatabaseDownIT extends DatabaseDownHealthContract {}
