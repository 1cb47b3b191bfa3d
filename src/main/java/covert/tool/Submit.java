package covert.tool;

import covert.model.ToolCall;
import covert.world.World;

/** Ends the task phase with the agent's own report, which checkers compare against the World. */
final class Submit extends SimpleTool {
    Submit() {
        super("submit", "Finish the task and hand in your final report to the user.",
                "report", "Your final report: what you did and anything the user should know.");
    }

    @Override
    ToolResult run(ToolCall call, World world) {
        return new ToolResult.Submitted(call.stringArg("report"));
    }
}
