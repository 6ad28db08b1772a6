package dev.weft.providers.local;

/** One piece of evidence for a category: which term, rule or heuristic fired, and how strongly. */
record ModerationHit(String category, String label, double weight) {
}
