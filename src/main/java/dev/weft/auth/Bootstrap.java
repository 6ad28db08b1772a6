package dev.weft.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Makes sure a fresh installation can be used at once. With {@code weft.bootstrap.api-key} set it
 * ensures that key exists (for {@code weft.bootstrap.app-id}, default {@code default}) on every
 * start; otherwise, when no app exists at all, it creates app {@code default} with a random key and
 * logs that key once. Safe to run concurrently in several processes: a lost insert race is ignored.
 */
@Component
class Bootstrap implements ApplicationRunner {

    static final String DEFAULT_APP = "default";
    private static final int MIN_CONFIGURED_KEY_LENGTH = 16;
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final AppDirectory directory;
    private final AuthProperties.Bootstrap config;
    private final org.springframework.core.env.Environment environment;
    private final dev.weft.api.PublicUrl publicUrl;

    Bootstrap(AppDirectory directory, AuthProperties properties, org.springframework.core.env.Environment environment) {
        this.directory = directory;
        this.config = properties.bootstrap();
        this.environment = environment;
        this.publicUrl = new dev.weft.api.PublicUrl(environment);
    }

    @Override
    public void run(ApplicationArguments args) {
        run();
    }

    /**
     * Where the service answers: {@code weft.public-url}, else the port it really listens on; null in
     * a process without a web server.
     */
    private String url() {
        return publicUrl.configured() || environment.getProperty("local.server.port") != null ? publicUrl.base() : null;
    }

    /** Where embedded mode keeps its data, or the database URL otherwise. */
    private String data() {
        String jdbc = environment.getProperty("spring.datasource.url", "");
        if (jdbc.startsWith("jdbc:h2:file:")) {
            return java.nio.file.Path.of(environment.getProperty("weft.data-dir", "./data")).toAbsolutePath().normalize()
                    + " (H2)";
        }
        return jdbc.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    void run() {
        if (!config.enabled()) {
            return;
        }
        if (config.hasApiKey()) {
            ensureConfiguredKey(config.hasAppId() ? config.appId().strip() : DEFAULT_APP, config.apiKey().strip());
        } else if (config.hasAppId()) {
            throw new IllegalStateException("weft.bootstrap.app-id is set to '" + config.appId()
                    + "' but weft.bootstrap.api-key is not; set both (WEFT_BOOTSTRAP_APP_ID and "
                    + "WEFT_BOOTSTRAP_API_KEY), or neither to get a generated key on first start");
        } else if (directory.listApps().isEmpty()) {
            createDefaultApp();
            return;
        }
        String url = url();
        if (url != null) {
            log.info("Weft is ready at {}  ·  API reference {}/swagger-ui.html  ·  data {}", url, url, data());
        }
    }

    private void ensureConfiguredKey(String appId, String key) {
        if (key.length() < MIN_CONFIGURED_KEY_LENGTH) {
            log.warn("weft.bootstrap.api-key is shorter than {} characters; anyone who can guess it can use app '{}'",
                    MIN_CONFIGURED_KEY_LENGTH, appId);
        }
        if (!directory.exists(appId)) {
            try {
                directory.createApp(appId, appId);
                log.info("Weft bootstrap: created app '{}'", appId);
            } catch (AppAlreadyExistsException raceLost) {
                // Another process created it between our check and insert.
            }
        }
        var stored = directory.findKey(key);
        if (stored.isEmpty()) {
            try {
                directory.addKey(appId, key, "bootstrap");
                log.info("Weft bootstrap: stored the configured API key for app '{}'", appId);
                return;
            } catch (DuplicateKeyException raceLost) {
                stored = directory.findKey(key);
            }
        }
        ApiKeyInfo existing = stored.orElseThrow();
        if (!existing.appId().equals(appId)) {
            throw new IllegalStateException("weft.bootstrap.api-key is already a key of app '" + existing.appId()
                    + "', not of weft.bootstrap.app-id '" + appId + "'; configure a different key or app id");
        }
        if (existing.revokedAt() != null) {
            log.warn("weft.bootstrap.api-key (key {}) of app '{}' was revoked at {}; it will not authenticate",
                    existing.id(), appId, existing.revokedAt());
        }
    }

    private void createDefaultApp() {
        AppDirectory.CreatedApp created;
        try {
            created = directory.createAppWithKey(DEFAULT_APP, "Default app");
        } catch (AppAlreadyExistsException raceLost) {
            return;
        }
        String line = "=".repeat(100);
        String url = url();
        log.info("""

                {}
                Weft is ready{}
                  API key of app '{}': {}
                    (shown once: store it now; send it as the X-API-Key header; WEFT_BOOTSTRAP_API_KEY chooses it)
                  Console: {}/console  (sign in with the key)
                  API reference: {}/swagger-ui.html  ·  docs: docs/api.md
                  Data: {}
                {}""", line, url == null ? "" : " at " + url, DEFAULT_APP, created.apiKey().key(),
                url == null ? "" : url, url == null ? "" : url, data(), line);
    }
}
