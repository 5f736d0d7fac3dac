package com.sociallive.commerce;

import com.sociallive.platform.test.ArchitectureContract;

class CommerceServiceArchitectureTests extends ArchitectureContract {}
