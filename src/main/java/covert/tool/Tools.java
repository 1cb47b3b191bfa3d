package covert.tool;

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

    static final class Bash extends SimpleTool {
        Bash() {
            super("bash", "Run a shell command in the workspace. Supports ls, cat, head, tail, grep, echo, sed, rm, mv, cp, "
                    + "mkdir, wc, find, diff, pwd, cd, pipes and > / >> redirection.", "command", "The command line to run.");
        }

        @Override
        ToolResult run(ToolCall call, World world) {
            return new ToolResult.Output(new Shell(world.files()).run(call.stringArg("command")));
        }
    }
}
