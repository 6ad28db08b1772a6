package dev.weft.auth;

/** No app has the given id. */
public class UnknownAppException extends dev.weft.common.NotFoundException {

    public UnknownAppException(String appId) {
        super("app", "App '" + appId + "' does not exist");
    }
}
