package covert.model;

import java.util.Map;

/**
 * A tool as offered to a model: name, description and a JSON Schema object for its parameters, the
 * shape both the OpenAI and Anthropic SDKs accept and Inspect logs as {@code ToolInfo}.
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {}
