package covert.tool;

/** What a tool call did, as the agent sees it. */
public sealed interface ToolResult {
    /** Normal output (which may describe a non-zero shell exit; that is still a completed call). */
    record Output(String text) implements ToolResult {}

    /** The call could not be carried out. {@code type} uses Inspect's ToolCallError kinds. */
    record Failure(String type, String message) implements ToolResult {}

    /** The agent handed in its final report; the episode's task phase ends. */
    record Submitted(String report) implements ToolResult {}
}
