package dev.weft.steps.emit;

import java.util.List;

/**
 * The webhook signing secrets of an app ({@code whsec_...}), newest first; several during a
 * rotation. An empty list means the app has none and deliveries go out unsigned.
 */
public interface SigningSecrets {

    List<String> forApp(String appId);
}
