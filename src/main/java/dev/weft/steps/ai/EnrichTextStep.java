package dev.weft.steps.ai;

import dev.weft.steps.Inputs;
import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.common.Json;
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
    private final Embedder embedder;

    public EnrichTextStep(TextAnalyzer analyzer, Embedder embedder) {
        super(TYPE);
        this.analyzer = analyzer;
        this.embedder = embedder;
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
                out.set("embedding", embedding(embedder.embed(text)));
            }
            return StepResult.ok(out);
        } catch (ProviderException e) {
            return StepFailure.of(context, e);
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

    private ObjectNode embedding(float[] vector) {
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
