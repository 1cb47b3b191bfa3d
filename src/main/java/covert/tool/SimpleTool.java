package covert.tool;

import covert.model.ToolCall;
import covert.world.World;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool whose arguments are all required strings. Checks them once here, so each tool body only does
 * its work and missing arguments fail the same way everywhere.
 */
abstract class SimpleTool implements Tool {
    private final String name;
    private final String description;
    private final Map<String, Object> parameters;

    SimpleTool(String name, String description, String... argsAndDescriptions) {
        this.name = name;
        this.description = description;
        var props = new LinkedHashMap<String, Object>();
        for (int i = 0; i < argsAndDescriptions.length; i += 2) {
            props.put(argsAndDescriptions[i], Schema.string(argsAndDescriptions[i + 1]));
        }
        this.parameters = Schema.object(props);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final ToolResult call(ToolCall call, World world) {
        var props = (Map<String, Object>) parameters.get("properties");
        for (String arg : props.keySet()) {
            if (call.arguments().get(arg) == null) {
                return new ToolResult.Failure("parsing", "missing required argument '" + arg + "' for " + name);
            }
        }
        return run(call, world);
    }

    abstract ToolResult run(ToolCall call, World world);
}
