package com.sociallive.streaming;

import com.sociallive.platform.test.ArchitectureContract;

class StreamingServiceArchitectureTests extends ArchitectureContract {}
