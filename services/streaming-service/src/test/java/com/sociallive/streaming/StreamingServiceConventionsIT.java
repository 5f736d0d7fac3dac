package com.sociallive.streaming;

import com.sociallive.platform.test.ServiceConventionsContract;

class StreamingServiceConventionsIT extends ServiceConventionsContract {}
