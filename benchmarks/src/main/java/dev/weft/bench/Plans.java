package dev.weft.bench;

import java.util.ArrayList;
import java.util.List;

/** Request bodies of the workloads: no-op {@code transform} steps with ~100-byte results. */
final class Plans {

    private static final String PAD = "x".repeat(64);

    private Plans() {}

    /** A linear chain s0 → s1 → … of {@code length} steps. */
    static String chain(int length, int n, String webhookUrl) {
        List<String> steps = new ArrayList<>();
        steps.add(first("s0"));
        for (int i = 1; i < length; i++) {
            steps.add(next("s" + i, "s" + (i - 1)));
        }
        return body(steps, n, webhookUrl);
    }

    /** 1 → {@code width} parallel → 1. */
    static String diamond(int width, int n, String webhookUrl) {
        List<String> steps = new ArrayList<>();
        steps.add(first("top"));
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < width; i++) {
            steps.add(next("m" + i, "top"));
            sum.append(i == 0 ? "" : " + ").append("steps.m").append(i).append(".output.v");
        }
        steps.add("""
                {"id": "bottom", "type": "transform", "dependsOn": [%s], "input": {"v": "{{ %s }}", "pad": "{{ steps.m0.output.pad }}"}}"""
                .formatted(deps(width), sum));
        return body(steps, n, webhookUrl);
    }

    /** {@code width} parallel {@code emit_webhook} steps, each answered after one second by {@code url}. */
    static String slowCalls(int width, String url, int n) {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            steps.add("""
                    {"id": "call%d", "type": "emit_webhook", "dependsOn": [], "input": {"url": "%s", "payload": {"n": "{{ input.n }}"}}}"""
                    .formatted(i, url));
        }
        return body(steps, n, null);
    }

    /** Dependencies are explicit: a step without {@code dependsOn} would follow the step before it. */
    private static String first(String id) {
        return """
                {"id": "%s", "type": "transform", "dependsOn": [], "input": {"v": "{{ input.n }}", "pad": "%s"}}""".formatted(id, PAD);
    }

    private static String next(String id, String previous) {
        return """
                {"id": "%s", "type": "transform", "dependsOn": ["%s"], "input": {"v": "{{ steps.%s.output.v + 1 }}", "pad": "{{ steps.%s.output.pad }}"}}"""
                .formatted(id, previous, previous, previous);
    }

    /** One run that waits for a signal (an hour at most): something for a stream to watch. */
    static String waiting(int n) {
        return body(List.of("{\"id\": \"wait\", \"type\": \"wait_for_signal\", \"input\": {\"signal\": \"go\", "
                + "\"timeout\": \"PT1H\"}}"), n, null);
    }

    private static String deps(int width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < width; i++) {
            out.append(i == 0 ? "" : ", ").append("\"m").append(i).append('"');
        }
        return out.toString();
    }

    private static String body(List<String> steps, int n, String webhookUrl) {
        return "{\"plan\": {\"steps\": [" + String.join(",\n", steps) + "]}, \"input\": {\"n\": " + n + "}"
                + (webhookUrl == null ? "" : ", \"webhookUrl\": \"" + webhookUrl + "\"") + "}";
    }
}
