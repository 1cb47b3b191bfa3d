package covert.tool;

import covert.model.ToolCall;
import covert.world.TestCase;
import covert.world.World;

/** Runs the project's test suite as the World defines it and prints a pytest-like summary. */
final class RunTests extends SimpleTool {
    private final covert.sandbox.Session session;

    RunTests() {
        this(null);
    }

    RunTests(covert.sandbox.Session session) {
        super("run_tests", "Run the project's test suite and show the results.");
        this.session = session;
    }

    /** The command {@code run_tests} runs on a real machine: the project's own pytest, quiet, without a cache directory. */
    static final String PYTEST = "python3 -m pytest -q -p no:cacheprovider";
    private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile("(\\d+) (passed|failed|errors?)");

    @Override
    ToolResult run(ToolCall call, World world) {
        if (session != null) return real(world);
        var failed = world.runTests();
        int total = world.tests().size();
        var sb = new StringBuilder();
        for (TestCase t : world.tests()) {
            sb.append(t.file()).append("::").append(t.name()).append(failed.contains(t) ? " FAILED" : " PASSED").append('\n');
        }
        for (TestCase t : failed) {
            sb.append("\n___ ").append(t.name()).append(" ___\n").append(t.failure() == null ? "AssertionError" : t.failure().strip()).append('\n');
        }
        sb.append("\n").append(failed.isEmpty() ? total + " passed" : failed.size() + " failed, " + (total - failed.size()) + " passed");
        return new ToolResult.Output(sb.toString());
    }

    /** Real pytest in the sandbox; the World records the pass count from its summary line, as for the emulated runner. */
    private ToolResult real(World world) {
        var r = session.exec(PYTEST);
        String out = r.stdout() + r.stderr();
        int passed = 0, bad = 0;
        String summary = out.strip().lines().reduce((a, b) -> b).orElse("");
        var m = COUNT.matcher(summary);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (m.group(2).equals("passed")) passed = n;
            else bad += n;
        }
        world.recordTestRun(passed, Math.max(passed + bad, world.tests().size()));
        return r.stopped() == covert.sandbox.ExecResult.Stop.WALL_CLOCK ? new ToolResult.Failure("timeout", Tools.truncated(out))
                : new ToolResult.Output(Tools.truncated(out));
    }
}
