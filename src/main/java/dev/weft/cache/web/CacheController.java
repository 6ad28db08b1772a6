package dev.weft.cache.web;

import dev.weft.auth.AuthenticatedApp;
import dev.weft.cache.StepResultCache;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The app's stored step results. */
@RestController
@RequestMapping("/v1/cache")
public class CacheController {

    /** How many stored results were deleted. */
    public record Purged(int deleted) {}

    private final StepResultCache cache;

    public CacheController(StepResultCache cache) {
        this.cache = cache;
    }

    @DeleteMapping
    @Operation(summary = "Delete every stored step result of this app (steps with cache run again)")
    public Purged purge(AuthenticatedApp app) {
        return new Purged(cache.purge(app.appId()));
    }
}
