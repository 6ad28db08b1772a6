package dev.weft.auth;

/** An app with the requested id exists already. */
public class AppAlreadyExistsException extends RuntimeException {

    public AppAlreadyExistsException(String appId) {
        super("App '" + appId + "' already exists");
    }
}
