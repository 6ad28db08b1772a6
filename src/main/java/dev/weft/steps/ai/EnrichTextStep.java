package dev.weft.steps.ai;

import dev.weft.steps.Inputs;
import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.common.Json;
import dev.weft.providers.Capability;
import dev.weft.providers.Embedder;
import dev.weft.providers.ProviderException;
import dev.weft.providers.TextAnalyzer;
import dev.weft.providers.TextAnalyzer.TextAnalysis;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code enrich_text}: language, keywords, sentiment, summary and (optionally) an embedding. */
@Component
public class EnrichTextStep extends SchemaBackedStep {

    public static final String TYPE = "enrich_text";

    private final TextAnalyzer analyzer;
    private final ProviderCalls calls;

    @org.springframework.beans.factory.annotation.Autowired
    public EnrichTextStep(TextAnalyzer analyzer, ProviderCalls calls) {
        super(TYPE);
        this.analyzer = analyzer;
        this.calls = calls;
    }

    /** The local embedder only, no ledger: for tests. */
    EnrichTextStep(TextAnalyzer analyzer, Embedder embedder) {
        this(analyzer, TestingCalls.of(java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(embedder)));
    }

    @Override
    public JsonNode cacheIdentity(StepContext context) {
        return calls.identity(context, Capability.EMBEDDING, context.input());
    }

    @Override
    public StepResult execute(StepContext context) {
        JsonNode in = context.input();
        String text = Inputs.text(in, "text", null);
        try {
            TextAnalysis analysis = analyzer.analyze(text, Inputs.integer(in, "maxKeywords", 10),
                    Inputs.integer(in, "summarySentences", 2));
            ObjectNode out = analysisJson(analysis);
            if (Inputs.bool(in, "embed", true)) {
                var answer = calls.call(context, calls.chain(context, Capability.EMBEDDING, in), c -> {
                    Embedder embedder = calls.directory().embedder(context.appId(), c.provider(), c.model());
                    return new Embedded(embedder, embedder.embedCounted(text));
                });
                Embedder embedder = answer.value().embedder();
                out.set("embedding", embedding(embedder, answer.value().result().vector()));
                out.set("usage", calls.usage(context, embedder.provider(), embedder.model(),
                        answer.value().result().inputTokens(), 0, 0));
                Fallbacks.note(out, answer);
            }
            return StepResult.ok(out);
        } catch (ProviderException e) {
            return StepFailure.of(context, e);
        } catch (StepFailure e) {
            return e.result();
        }
    }

    private static ObjectNode analysisJson(TextAnalysis a) {
        ObjectNode out = Json.object();
        out.put("language", a.language());
        out.put("languageConfidence", a.languageConfidence());
        ArrayNode keywords = out.putArray("keywords");
        a.keywords().forEach(k -> keywords.addObject().put("term", k.term()).put("score", k.score()));
        out.putObject("sentiment").put("label", a.sentiment().label()).put("score", a.sentiment().score());
        out.put("summary", a.summary());
        out.put("wordCount", a.wordCount());
        out.put("sentenceCount", a.sentenceCount());
        return out;
    }

    private record Embedded(Embedder embedder, Embedder.Embedded result) {}

    private static ObjectNode embedding(Embedder embedder, float[] vector) {
        ObjectNode out = Json.object();
        out.put("provider", embedder.provider());
        out.put("model", embedder.model());
        out.put("dimensions", vector.length);
        ArrayNode values = out.putArray("vector");
        for (float v : vector) {
            values.add(v);
        }
        return out;
    }
}
