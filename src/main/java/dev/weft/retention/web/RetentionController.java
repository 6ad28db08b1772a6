package dev.weft.retention.web;

import dev.weft.retention.Retention;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API ({@code /admin}, behind the admin token): an app's retention, and deleting an app. */
@RestController
@RequestMapping("/admin/apps/{appId}")
@Tag(name = "Admin")
class RetentionController {

    /**
     * @param days          the app's own retention, or null when it uses the server default
     * @param effectiveDays what applies: the app's or the server's
     */
    record RetentionView(Integer days, int effectiveDays) {}

    /** @param days 1 to 3650, or null to use the server default */
    record SetRetention(Integer days) {}

    private final Retention retention;

    RetentionController(Retention retention) {
        this.retention = retention;
    }

    @GetMapping("/retention")
    @Operation(summary = "How many days the app's finished runs, events, deliveries and artifacts are kept")
    RetentionView get(@PathVariable String appId) {
        var days = retention.retentionDays(appId);
        return new RetentionView(days.isPresent() ? days.getAsInt() : null,
                days.orElse(retention.defaultDays()));
    }

    @PutMapping("/retention")
    @Operation(summary = "Set the app's retention in days (null: the server default)")
    RetentionView put(@PathVariable String appId, @RequestBody SetRetention body) {
        retention.setRetentionDays(appId, body.days());
        return get(appId);
    }

    @DeleteMapping
    @Operation(summary = "Delete the app and all its data: keys, runs, definitions, webhooks, artifacts, collections")
    ResponseEntity<Void> delete(@PathVariable String appId) {
        retention.deleteApp(appId);
        return ResponseEntity.noContent().build();
    }
}
