package dev.weft.steps.ai;

import dev.weft.steps.Inputs;
import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.common.Json;
import dev.weft.providers.Capability;
import dev.weft.providers.ContentModerator;
import dev.weft.providers.ContentModerator.ModerationResult;
import dev.weft.providers.ProviderException;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import java.util.List;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code moderate_content}: scores a text, an image or both against safety categories. */
@Component
public class ModerateContentStep extends SchemaBackedStep {

    public static final String TYPE = "moderate_content";

    private final ImageSources sources;
    private final ProviderCalls calls;

    @org.springframework.beans.factory.annotation.Autowired
    public ModerateContentStep(ImageSources sources, ProviderCalls calls) {
        super(TYPE);
        this.sources = sources;
        this.calls = calls;
    }

    /** Local moderators only, no ledger: for tests. */
    ModerateContentStep(ImageSources sources, List<ContentModerator> moderators) {
        this(sources, TestingCalls.of(List.of(), List.of(), moderators, List.of()));
    }

    @Override
    public JsonNode cacheIdentity(StepContext context) {
        return calls.identity(context, Capability.MODERATION, context.input());
    }

    @Override
    public StepResult execute(StepContext context) {
        JsonNode in = context.input();
        String text = Inputs.text(in, "text", null);
        JsonNode imageSource = in.get("image");
        boolean hasImage = imageSource != null && !imageSource.isNull();
        if ((text == null || text.isBlank()) && !hasImage) {
            return StepResult.permanent("NOTHING_TO_MODERATE",
                    StepFailure.prefix(context) + "give a non-empty text, an image, or both");
        }
        try {
            byte[] image = hasImage ? sources.resolve(context, imageSource) : null;
            var answer = calls.call(context, calls.chain(context, Capability.MODERATION, in),
                    c -> calls.directory().moderator(context.appId(), c.provider()).moderate(text, image));
            ObjectNode out = json(answer.value());
            out.set("usage", calls.usage(context, answer.value().provider(), answer.candidate().model(), 0, 0, 0));
            Fallbacks.note(out, answer);
            return StepResult.ok(out);
        } catch (ProviderException e) {
            return StepFailure.of(context, e);
        } catch (StepFailure e) {
            return e.result();
        }
    }

    private static ObjectNode json(ModerationResult r) {
        ObjectNode out = Json.object();
        out.put("flagged", r.flagged());
        ObjectNode categories = out.putObject("categories");
        new TreeMap<>(r.categoryScores()).forEach(categories::put);
        ArrayNode flagged = out.putArray("flaggedCategories");
        r.flaggedCategories().forEach(flagged::add);
        ArrayNode matches = out.putArray("matches");
        r.matches().forEach(matches::add);
        out.put("provider", r.provider());
        return out;
    }
}
