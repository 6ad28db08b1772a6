package dev.weft.steps.ai;

import dev.weft.steps.Inputs;
import dev.weft.steps.StepFailure;
import dev.weft.steps.SchemaBackedStep;
import dev.weft.common.Json;
import dev.weft.providers.ProviderException;
import dev.weft.providers.TextGenerator;
import dev.weft.providers.TextGenerator.GeneratedText;
import dev.weft.steps.StepContext;
import dev.weft.steps.StepResult;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code text_generate}: one completion from a text generator. */
@Component
public class TextGenerateStep extends SchemaBackedStep {

    public static final String TYPE = "text_generate";
    static final String PLACEHOLDER_NOTICE = "placeholder text: no language model configured";

    private final ProviderChoice<TextGenerator> generators;

    public TextGenerateStep(List<TextGenerator> generators) {
        super(TYPE);
        this.generators = new ProviderChoice<>("text", generators, TextGenerator::provider);
    }

    @Override
    public StepResult execute(StepContext context) {
        JsonNode in = context.input();
        try {
            TextGenerator generator = generators.select(context, Inputs.text(in, "provider", null));
            GeneratedText text = generator.generate(new TextGenerator.Request(Inputs.text(in, "prompt", null),
                    Inputs.text(in, "system", null), Inputs.text(in, "model", null),
                    Inputs.integer(in, "maxTokens", null), Inputs.number(in, "temperature", null)));
            return StepResult.ok(output(text));
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
        ObjectNode usage = out.putObject("usage");
        usage.put("inputTokens", text.inputTokens());
        usage.put("outputTokens", text.outputTokens());
        if (text.placeholder()) {
            out.put("notice", PLACEHOLDER_NOTICE);
        }
        return out;
    }
}
