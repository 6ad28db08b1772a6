package dev.weft.auth;

/** No app has the given id. */
public class UnknownAppException extends RuntimeException {

    public UnknownAppException(String appId) {
        super("App '" + appId + "' does not exist");
    }
}
