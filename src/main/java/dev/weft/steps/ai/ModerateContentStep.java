package dev.weft.steps.ai;

import dev.weft.steps.Inputs;
import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.common.Json;
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
    private final ProviderChoice<ContentModerator> moderators;

    public ModerateContentStep(ImageSources sources, List<ContentModerator> moderators) {
        super(TYPE);
        this.sources = sources;
        this.moderators = new ProviderChoice<>("moderation", moderators, ContentModerator::provider);
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
            ContentModerator moderator = moderators.select(context, Inputs.text(in, "provider", null));
            byte[] image = hasImage ? sources.resolve(context, imageSource) : null;
            return StepResult.ok(json(moderator.moderate(text, image)));
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
