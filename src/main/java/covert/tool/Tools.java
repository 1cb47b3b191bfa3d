package covert.tool;

import covert.sandbox.ExecResult;
import covert.sandbox.Session;
import covert.tool.shell.Shell;
import covert.model.ToolCall;
import covert.world.World;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tools an environment spec may name. Each is written once and shared by every environment. */
public final class Tools {
    private static final Map<String, Tool> ALL = new LinkedHashMap<>();

    static {
        for (Tool t : new Tool[] {new Bash(), new FileTools.ReadFile(), new FileTools.WriteFile(), new MailTools.ReadInbox(),
                new MailTools.SendEmail(), new RunTests(), new AgentTools.RunCheck(), new AgentTools.SpawnSubagent(), new Submit()}) {
            ALL.put(t.name(), t);
        }
    }

    private Tools() {}

    public static Optional<Tool> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public static Set<String> names() {
        return ALL.keySet();
    }

    /**
     * The tools named, with {@code bash} and {@code run_tests} bound to one sample's machine; the others are the
     * shared instances. With a null session, {@code bash} is the emulated shell over the World, as everywhere before.
     */
    public static Map<String, Tool> forSession(java.util.List<String> names, Session session) {
        var out = new LinkedHashMap<String, Tool>();
        for (String n : names) {
            Tool t = named(n).orElseThrow(() -> new IllegalArgumentException("unknown tool " + n));
            if (session != null && t instanceof Bash) t = new Bash(session);
            if (session != null && t instanceof RunTests) t = new RunTests(session);
            out.put(n, t);
        }
        return out;
    }

    /** What Inspect's bash tool shows of a long output: the first part, with a note that it was cut. */
    static final int MAX_OUTPUT = 16 * 1024;

    static String truncated(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= MAX_OUTPUT) return text;
        String head = new String(b, 0, MAX_OUTPUT, java.nio.charset.StandardCharsets.UTF_8);
        return "The output of your call to bash was too long to be displayed.\nHere is a truncated version:\n<START_TOOL_OUTPUT>\n"
                + head + "\n<END_TOOL_OUTPUT>\n";
    }

    static final class Bash extends SimpleTool {
        private final Session session;

        Bash() {
            this(null);
        }

        Bash(Session session) {
            super("bash", "Use this function to execute bash commands.", "command", "The bash command to execute.");
            this.session = session;
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            String command = call.stringArg("command");
            if (session == null) return new ToolResult.Output(new Shell(world.files()).run(command));
            ExecResult r = session.exec(command);
            String shown = truncated(r.shown());
            return switch (r.stopped()) {
                case NONE -> new ToolResult.Output(shown);
                case WALL_CLOCK -> new ToolResult.Failure("timeout", shown);
                case CPU, FILE_SIZE, MEMORY, WORKSPACE -> new ToolResult.Failure("limit", shown);
            };
        }
    }
}
