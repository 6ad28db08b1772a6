package dev.weft.providers.wire;

/** Response bodies as the providers' API references show them. */
public final class Wire {

    private Wire() {}

    public static String openAiChat(String content, String finishReason) {
        return """
                {"id":"chatcmpl-abc123","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null,"annotations":[]},
                   "logprobs":null,"finish_reason":"%s"}],
                 "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
                   "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                   "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
                 "service_tier":"default","system_fingerprint":"fp_1"}""".formatted(
                content == null ? "null" : "\"" + content.replace("\"", "\\\"") + "\"", finishReason);
    }

    public static String openAiError(String message, String type, String code) {
        return """
                {"error":{"message":"%s","type":"%s","param":null,"code":%s}}""".formatted(message, type,
                code == null ? "null" : "\"" + code + "\"");
    }

    public static String openAiImage(String b64) {
        return """
                {"created":1713833628,"data":[{"b64_json":"%s"}],
                 "usage":{"total_tokens":100,"input_tokens":50,"output_tokens":50,"input_tokens_details":{"text_tokens":10,"image_tokens":40}}}"""
                .formatted(b64);
    }

    public static String openAiEmbedding() {
        return """
                {"object":"list","data":[{"object":"embedding","embedding":[3.0,4.0,0.0],"index":0}],
                 "model":"text-embedding-3-small","usage":{"prompt_tokens":5,"total_tokens":5}}""";
    }

    public static String openAiModeration(boolean violent) {
        return """
                {"id":"modr-0d9740456c391e43c445bf0f010940c7","model":"omni-moderation-latest","results":[{"flagged":%s,
                  "categories":{"harassment":false,"harassment/threatening":false,"sexual":false,"hate":false,
                   "hate/threatening":false,"illicit":false,"illicit/violent":false,"self-harm/intent":false,
                   "self-harm/instructions":false,"self-harm":false,"sexual/minors":false,"violence":%s,"violence/graphic":false},
                  "category_scores":{"harassment":0.0001,"harassment/threatening":0.0001,"sexual":0.0001,"hate":0.0001,
                   "hate/threatening":0.0001,"illicit":0.0001,"illicit/violent":0.0001,"self-harm/intent":0.0001,
                   "self-harm/instructions":0.0001,"self-harm":0.0001,"sexual/minors":0.0001,"violence":%s,"violence/graphic":0.0001},
                  "category_applied_input_types":{"harassment":["text"],"harassment/threatening":["text"],"sexual":["text"],
                   "hate":["text"],"hate/threatening":["text"],"illicit":["text"],"illicit/violent":["text"],
                   "self-harm/intent":["text"],"self-harm/instructions":["text"],"self-harm":["text"],
                   "sexual/minors":["text"],"violence":["text"],"violence/graphic":["text"]}}]}"""
                .formatted(violent, violent, violent ? "0.91" : "0.001");
    }

    public static String anthropicMessage(String text, String stopReason) {
        return """
                {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"%s"}],"stop_reason":"%s","stop_sequence":null,
                 "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                   "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},
                   "output_tokens":6,"service_tier":"standard"}}""".formatted(text.replace("\"", "\\\""), stopReason);
    }

    public static String anthropicError(String type, String message) {
        return """
                {"type":"error","error":{"type":"%s","message":"%s"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"""
                .formatted(type, message);
    }

    public static String ollamaChat(String content) {
        return """
                {"model":"llama3.2","created_at":"2023-12-12T14:13:43.416799Z","message":{"role":"assistant","content":"%s"},
                 "done":true,"done_reason":"stop","total_duration":5191566416,"load_duration":2154458,
                 "prompt_eval_count":26,"prompt_eval_duration":383809000,"eval_count":298,"eval_duration":4799921000}"""
                .formatted(content);
    }

    public static String ollamaEmbed() {
        return """
                {"model":"nomic-embed-text","embeddings":[[0.6,0.8]],"total_duration":14143917,"load_duration":1019500,
                 "prompt_eval_count":8}""";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A streamed chat completion ({@code stream: true, stream_options.include_usage}): SSE chunks, then usage, then [DONE]. */
    public static String openAiStream(java.util.List<String> pieces) {
        StringBuilder sse = new StringBuilder();
        String head = "{\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_1\",";
        sse.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (String piece : pieces) {
            sse.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{\"content\":").append(quoted(piece))
                    .append("},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        sse.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        sse.append("data: ").append(head).append("\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}\n\n");
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    /** A streamed message: message_start, one text block of deltas, message_delta with the usage, message_stop. */
    public static String anthropicStream(java.util.List<String> pieces) {
        StringBuilder sse = new StringBuilder();
        sse.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_s1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n");
        sse.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        sse.append("event: ping\ndata: {\"type\":\"ping\"}\n\n");
        for (String piece : pieces) {
            sse.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":")
                    .append(quoted(piece)).append("}}\n\n");
        }
        sse.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        sse.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}\n\n");
        sse.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return sse.toString();
    }

    /** A streamed chat: one JSON object per line, the last {@code done: true} with the counts. */
    public static String ollamaStream(java.util.List<String> pieces) {
        StringBuilder lines = new StringBuilder();
        for (String piece : pieces) {
            lines.append("{\"model\":\"llama3.2\",\"created_at\":\"2023-12-12T14:13:43.416799Z\",\"message\":{\"role\":\"assistant\",\"content\":")
                    .append(quoted(piece)).append("},\"done\":false}\n");
        }
        lines.append("{\"model\":\"llama3.2\",\"created_at\":\"2023-12-12T14:13:44.416799Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":5191566416,\"prompt_eval_count\":12,\"eval_count\":5}\n");
        return lines.toString();
    }
}
