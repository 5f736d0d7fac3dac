package com.sociallive.social;

import com.sociallive.platform.test.ArchitectureContract;

class SocialServiceArchitectureTests extends ArchitectureContract {}
