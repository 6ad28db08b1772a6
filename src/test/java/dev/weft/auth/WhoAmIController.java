package dev.weft.auth;

import java.util.Map;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints proving the argument resolver; imported explicitly, never component-scanned. */
@TestComponent
@RestController
class WhoAmIController {

    @GetMapping("/v1/whoami")
    Map<String, String> whoami(AuthenticatedApp app) {
        return Map.of("appId", app.appId());
    }

    @GetMapping("/auth-test/unguarded-whoami")
    Map<String, String> unguarded(AuthenticatedApp app) {
        return Map.of("appId", app.appId());
    }
}
