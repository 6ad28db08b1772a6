package dev.weft.webhook;

import dev.weft.steps.emit.SigningSecrets;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Lets the {@code emit_webhook} step sign with the app's webhook secrets (current, then previous in grace). */
@Component
class StepSigningSecrets implements SigningSecrets {

    private final WebhookSecrets secrets;
    private final Clock clock;

    StepSigningSecrets(WebhookSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public List<String> forApp(String appId) {
        return secrets.signingSecrets(appId, clock.instant());
    }
}
