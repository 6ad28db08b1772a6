package dev.weft.api;

import dev.weft.common.Limits;
import dev.weft.common.JsonDepth;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * The nesting limit ({@code weft.limits.max-depth}) on every JSON document a request carries, on
 * every endpoint at once: each field of a JSON body, and each JSON-valued field of a body bound to a
 * record, may nest at most that many levels. A deeper document would be stored and then refused by
 * every read of it; here it is refused before anything is written, naming the field.
 */
@ControllerAdvice
class DocumentDepthAdvice extends RequestBodyAdviceAdapter {

    private final int maxDepth;

    DocumentDepthAdvice(Limits limits) {
        this.maxDepth = limits.maxDepth();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode node && node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                check(field.getKey(), field.getValue());
            }
        } else if (body instanceof JsonNode node) {
            check("body", node);
        } else if (body != null && body.getClass().isRecord()) {
            for (RecordComponent component : body.getClass().getRecordComponents()) {
                if (JsonNode.class.isAssignableFrom(component.getType())) {
                    check(component.getName(), read(component, body));
                }
            }
        }
        return body;
    }

    private void check(String field, JsonNode value) {
        int depth = JsonDepth.of(value);
        if (depth > maxDepth) {
            throw ApiProblem.invalidField(field, "nests JSON " + depth + " levels deep; at most " + maxDepth
                    + " are accepted");
        }
    }

    private static JsonNode read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true); // request records may be package-private
            return (JsonNode) accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
