package com.sociallive.gateway.upstream;

/** Every instance of a service is out of rotation: the client gets 503 at once. */
public class NoHealthyInstanceException extends RuntimeException {

    public NoHealthyInstanceException(String service) {
        super("No healthy instance of " + service, null, false, false);
    }
}
