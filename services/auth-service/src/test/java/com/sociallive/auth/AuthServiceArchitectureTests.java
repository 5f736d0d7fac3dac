package com.sociallive.auth;

import com.sociallive.platform.test.ArchitectureContract;

class AuthServiceArchitectureTests extends ArchitectureContract {}
