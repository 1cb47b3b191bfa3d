package covert.tool;

import covert.model.ToolCall;
import covert.model.ToolSpec;
import covert.world.World;
import java.util.Map;

/** A capability offered to the agent. It acts on the in-JVM {@link World} only, never on the host. */
public interface Tool {
    String name();

    String description();

    /** JSON Schema of the arguments object. */
    Map<String, Object> parameters();

    ToolResult call(ToolCall call, World world);

    default ToolSpec spec() {
        return new ToolSpec(name(), description(), parameters());
    }
}
