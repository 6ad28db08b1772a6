package dev.weft.auth;

/** An app with the requested id exists already. */
public class AppAlreadyExistsException extends dev.weft.common.ConflictException {

    public AppAlreadyExistsException(String appId) {
        super("app-exists", "App '" + appId + "' already exists");
    }
}
