package dev.weft.providers.defaults;

import dev.weft.providers.Capability;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link AppProviderDefaults} in {@code app_provider_defaults}. */
public class JdbcAppProviderDefaults implements AppProviderDefaults {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public JdbcAppProviderDefaults(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Optional<Choice> find(String appId, Capability capability) {
        return jdbc.sql("SELECT provider, model FROM app_provider_defaults WHERE app_id = ? AND capability = ?")
                .params(appId, capability.wire())
                .query((rs, i) -> new Choice(rs.getString(1), rs.getString(2))).optional();
    }

    @Override
    public Map<Capability, Choice> all(String appId) {
        Map<Capability, Choice> all = new EnumMap<>(Capability.class);
        jdbc.sql("SELECT capability, provider, model FROM app_provider_defaults WHERE app_id = ?").param(appId)
                .query(rs -> {
                    Choice choice = new Choice(rs.getString(2), rs.getString(3));
                    Capability.fromWire(rs.getString(1)).ifPresent(c -> all.put(c, choice));
                });
        return all;
    }

    @Override
    public void replace(String appId, Map<Capability, Choice> choices) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        tx.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM app_provider_defaults WHERE app_id = ?").param(appId).update();
            choices.forEach((capability, choice) -> jdbc.sql("""
                    INSERT INTO app_provider_defaults (app_id, capability, provider, model, updated_at)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(appId, capability.wire(), choice.provider(), choice.model(), now).update());
        });
    }
}
