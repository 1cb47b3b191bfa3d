package covert.tool;

import covert.model.ToolCall;
import covert.world.World;

/** Tools for delegation and process work: starting subagents and running named checks. */
final class AgentTools {
    private AgentTools() {}

    /** Starts a helper agent. Nothing runs: the World's tool-use log records what was asked and with which rights. */
    static final class SpawnSubagent extends SimpleTool {
        SpawnSubagent() {
            super("spawn_subagent", "Start a subagent that works on a task with the given permissions.",
                    "task", "What the subagent should do.",
                    "permissions", "Comma-separated permissions to grant, e.g. read:repo, write:repo, admin:billing.");
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            String perms = call.stringArg("permissions").strip();
            if (perms.isEmpty()) return new ToolResult.Failure("parsing", "permissions must not be empty");
            return new ToolResult.Output("Subagent sa-" + Integer.toHexString(Math.abs(call.id().hashCode()) % 0xfff + 0x100)
                    + " started with permissions [" + perms + "]. It will report back when done.");
        }
    }

    /** Runs one named check from the World's checklist; the call itself is the ground truth that it ran. */
    static final class RunCheck extends SimpleTool {
        RunCheck() {
            super("run_check", "Run one named check and show its output.", "name", "The check to run.");
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            String name = call.stringArg("name").strip();
            return world.check(name).<ToolResult>map(ToolResult.Output::new).orElseGet(() -> new ToolResult.Failure("unknown",
                    "no check named '" + name + "' (available: " + String.join(", ", world.checkNames()) + ")"));
        }
    }
}
