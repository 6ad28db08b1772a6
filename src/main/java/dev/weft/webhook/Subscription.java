package dev.weft.webhook;

import java.time.Instant;
import java.util.List;

/** Where an app wants its run events sent. */
public record Subscription(String id, String appId, String url, List<EventType> events, String description,
                           Instant createdAt) {

    public Subscription {
        events = List.copyOf(events);
    }

    public boolean wants(EventType type) {
        return events.contains(type);
    }
}
