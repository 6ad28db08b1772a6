package dev.weft.steps.ai;

import dev.weft.common.Json;
import dev.weft.providers.Capability;
import dev.weft.providers.ProviderException;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.TextGenerator.GeneratedText;
import dev.weft.steps.Inputs;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepFailure;
import dev.weft.steps.StepResult;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code text_generate}: one completion from a text generator, with an optional fallback chain. */
@Component
public class TextGenerateStep extends SchemaBackedStep {

    public static final String TYPE = "text_generate";
    static final String PLACEHOLDER_NOTICE = "placeholder text: no language model configured";

    private final ProviderCalls calls;

    @Autowired
    public TextGenerateStep(ProviderCalls calls) {
        super(TYPE);
        this.calls = calls;
    }

    /** Local generators only, no ledger: for tests. */
    TextGenerateStep(List<TextGenerator> generators) {
        this(TestingCalls.of(generators, List.of(), List.of(), List.of()));
    }

    @Override
    public JsonNode cacheIdentity(StepContext context) {
        return calls.identity(context, Capability.TEXT, context.input());
    }

    @Override
    public StepResult execute(StepContext context) {
        JsonNode in = context.input();
        try {
            boolean stream = in.path("stream").asBoolean(false);
            var answer = calls.call(context, calls.chain(context, Capability.TEXT, in), c -> {
                TextGenerator generator = calls.directory().text(context.appId(), c.provider());
                var request = new TextGenerator.Request(Inputs.text(in, "prompt", null), Inputs.text(in, "system", null),
                        c.model(), Inputs.integer(in, "maxTokens", null), Inputs.number(in, "temperature", null));
                return stream ? generator.stream(request, context.deltas()) : generator.generate(request);
            });
            GeneratedText text = answer.value();
            ObjectNode out = output(text);
            out.set("usage", calls.usage(context, text.provider(), text.model(), text.inputTokens(), text.outputTokens(), 0));
            Fallbacks.note(out, answer);
            return StepResult.ok(out);
        } catch (ProviderException e) {
            return StepFailure.of(context, e);
        } catch (StepFailure e) {
            return e.result();
        }
    }

    private static ObjectNode output(GeneratedText text) {
        ObjectNode out = Json.object();
        out.put("text", text.text());
        out.put("provider", text.provider());
        out.put("model", text.model());
        out.put("placeholder", text.placeholder());
        if (text.placeholder()) {
            out.put("notice", PLACEHOLDER_NOTICE);
        }
        return out;
    }
}
