package dev.weft.steps.ai;

import dev.weft.steps.Inputs;
import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.artifacts.Artifact;
import dev.weft.artifacts.ArtifactStore;
import dev.weft.common.Json;
import dev.weft.providers.Capability;
import dev.weft.providers.ImageGenerator;
import dev.weft.providers.ImageGenerator.GeneratedImage;
import dev.weft.providers.ProviderException;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code image_generate}: generates an image and stores it as an artifact of the run. */
@Component
public class ImageGenerateStep extends SchemaBackedStep {

    public static final String TYPE = "image_generate";
    static final String DEFAULT_SIZE = "1024x1024";
    static final String PLACEHOLDER_NOTICE = "placeholder image: no image model configured";
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,4})x([1-9][0-9]{0,4})");

    private final ProviderCalls calls;
    private final ArtifactStore artifacts;

    @org.springframework.beans.factory.annotation.Autowired
    public ImageGenerateStep(ProviderCalls calls, ArtifactStore artifacts) {
        super(TYPE);
        this.calls = calls;
        this.artifacts = artifacts;
    }

    /** Local generators only, no ledger: for tests. */
    ImageGenerateStep(List<ImageGenerator> generators, ArtifactStore artifacts) {
        this(TestingCalls.of(List.of(), generators, List.of(), List.of()), artifacts);
    }

    @Override
    public JsonNode cacheIdentity(StepContext context) {
        return calls.identity(context, Capability.IMAGE, context.input());
    }

    @Override
    public StepResult execute(StepContext context) {
        JsonNode input = context.input();
        try {
            String size = Inputs.text(input, "size", DEFAULT_SIZE);
            Matcher m = SIZE.matcher(size);
            if (!m.matches()) {
                throw StepFailure.permanent(context, "INVALID_SIZE", "size '" + size + "' is not WIDTHxHEIGHT");
            }
            int width = Integer.parseInt(m.group(1));
            int height = Integer.parseInt(m.group(2));
            var answer = calls.call(context, calls.chain(context, Capability.IMAGE, input), c -> calls.directory()
                    .images(context.appId(), c.provider())
                    .generate(new ImageGenerator.Request(Inputs.text(input, "prompt", null), width, height, c.model())));
            GeneratedImage image = answer.value();
            Artifact stored = artifacts.put(context.appId(), context.runId(), context.stepId(), image.contentType(),
                    image.bytes());
            ObjectNode out = output(stored, image);
            out.set("usage", calls.usage(context, image.provider(), image.model(), 0, 0, 1));
            Fallbacks.note(out, answer);
            return StepResult.ok(out);
        } catch (ProviderException e) {
            return StepFailure.of(context, e);
        } catch (StepFailure e) {
            return e.result();
        }
    }

    private static ObjectNode output(Artifact stored, GeneratedImage image) {
        ObjectNode ref = stored.toReference();
        ref.put("width", image.width());
        ref.put("height", image.height());
        ObjectNode out = Json.object();
        out.set("image", ref);
        out.put("provider", image.provider());
        out.put("model", image.model());
        out.put("placeholder", image.placeholder());
        if (image.placeholder()) {
            out.put("notice", PLACEHOLDER_NOTICE);
        }
        return out;
    }
}
