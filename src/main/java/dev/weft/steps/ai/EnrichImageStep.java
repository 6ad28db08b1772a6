package dev.weft.steps.ai;

import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.common.Json;
import dev.weft.providers.ImageAnalyzer;
import dev.weft.providers.ImageAnalyzer.ImageAnalysis;
import dev.weft.providers.ProviderException;
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

    public EnrichImageStep(ImageSources sources, ImageAnalyzer analyzer) {
        super(TYPE);
        this.sources = sources;
        this.analyzer = analyzer;
    }

    @Override
    public StepResult execute(StepContext context) {
        try {
            byte[] image = sources.resolve(context, context.input().get("image"));
            return StepResult.ok(json(analyzer.analyze(image)));
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
