package dev.weft.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The app's usage, budget and step result cache, and the catalogue of step types. */
public final class Account {

    /** The monthly limit (null: none) and what the app spent this month (UTC), estimated. */
    public record Budget(Double monthlyMaxCostUsd, String month, double spentThisMonthUsd, Double remainingUsd) {}

    private final Transport transport;

    Account(Transport transport) {
        this.transport = transport;
    }

    /** Tokens, images and cost per day and per workflow over the last {@code days} days. */
    public JsonNode usage(int days) {
        return transport.get("/v1/usage?days=" + days).json();
    }

    public Budget budget() {
        return transport.get("/v1/budget").as(Budget.class);
    }

    /** Sets the monthly limit in US dollars; null removes it. */
    public Budget setMonthlyBudget(Double maxCostUsd) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("monthlyMaxCostUsd", maxCostUsd);
        return transport.send("PUT", "/v1/budget", body, Map.of()).as(Budget.class);
    }

    /** Deletes every stored step result of the app (steps with {@code cache} run again); answers how many. */
    public int purgeCache() {
        return transport.send("DELETE", "/v1/cache", null, Map.of()).json().path("deleted").asInt();
    }

    /** Every step type with its input and output schemas. */
    public JsonNode stepTypes() {
        return transport.get("/v1/step-types").json();
    }

    public JsonNode stepType(String type) {
        return transport.get("/v1/step-types/" + Transport.segment(type)).json();
    }
}
