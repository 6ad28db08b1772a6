package dev.weft.steps.ai;

import tools.jackson.databind.JsonNode;
import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.common.Json;
import dev.weft.providers.Capability;
import dev.weft.providers.ImageAnalyzer;
import dev.weft.providers.ImageAnalyzer.ImageAnalysis;
import dev.weft.providers.ProviderException;
import dev.weft.providers.VisionModel;
import java.util.List;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code enrich_image}: measures an image (size, format, colours, hash, tone, tags, caption). */
@Component
public class EnrichImageStep extends SchemaBackedStep {

    public static final String TYPE = "enrich_image";

    private final ImageSources sources;
    private final ImageAnalyzer analyzer;
    private final ProviderCalls calls;

    @org.springframework.beans.factory.annotation.Autowired
    public EnrichImageStep(ImageSources sources, ImageAnalyzer analyzer, ProviderCalls calls) {
        super(TYPE);
        this.sources = sources;
        this.analyzer = analyzer;
        this.calls = calls;
    }

    /** Pixel analysis only: for tests. */
    EnrichImageStep(ImageSources sources, ImageAnalyzer analyzer) {
        this(sources, analyzer, TestingCalls.of(java.util.List.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of()));
    }

    @Override
    public JsonNode cacheIdentity(StepContext context) {
        return calls.identity(context, Capability.VISION, context.input());
    }

    @Override
    public StepResult execute(StepContext context) {
        try {
            byte[] image = sources.resolve(context, context.input().get("image"));
            ImageAnalysis analysis = analyzer.analyze(image);
            ObjectNode out = json(analysis);
            List<ProviderCalls.Candidate> chain = calls.chain(context, Capability.VISION, context.input());
            boolean named = chain.getFirst().provider() != null;
            if (named || calls.directory().vision(context.appId(), null).isPresent()) {
                String contentType = "image/" + ("jpeg".equals(analysis.format()) ? "jpeg" : analysis.format());
                var answer = calls.call(context, chain, c -> calls.directory().vision(context.appId(), c.provider())
                        .orElseThrow().describe(image, contentType, c.model()));
                VisionModel.ImageDescription d = answer.value();
                out.put("caption", d.caption());
                ArrayNode tags = out.putArray("tags");
                java.util.LinkedHashSet<String> merged = new java.util.LinkedHashSet<>(d.tags());
                merged.addAll(analysis.tags());
                merged.forEach(tags::add);
                out.putObject("vision").put("provider", d.provider()).put("model", d.model());
                out.set("usage", calls.usage(context, d.provider(), d.model(), d.inputTokens(), d.outputTokens(), 0));
                Fallbacks.note(out, answer);
            }
            return StepResult.ok(out);
        } catch (ProviderException e) {
            return StepFailure.of(context, e);
        } catch (StepFailure e) {
            return e.result();
        }
    }

    private static ObjectNode json(ImageAnalysis a) {
        ObjectNode out = Json.object();
        out.put("width", a.width());
        out.put("height", a.height());
        out.put("format", a.format());
        out.put("hasAlpha", a.hasAlpha());
        ArrayNode colors = out.putArray("dominantColors");
        a.dominantColors().forEach(c -> colors.addObject().put("hex", c.hex()).put("share", c.share()));
        out.put("perceptualHash", a.perceptualHash());
        out.put("brightness", a.brightness());
        out.put("contrast", a.contrast());
        ArrayNode tags = out.putArray("tags");
        a.tags().forEach(tags::add);
        out.put("caption", a.caption());
        return out;
    }
}
