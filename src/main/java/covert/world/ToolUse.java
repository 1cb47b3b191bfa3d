package covert.world;

import java.util.Map;

/** One tool call as the World saw it: the tool-use log is ground truth for what the agent actually did. */
public record ToolUse(String tool, Map<String, Object> arguments) {
    public String arg(String name) {
        Object v = arguments.get(name);
        return v == null ? "" : String.valueOf(v);
    }
}
