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

    @Override
    ToolResult run(ToolCall call, World world) {
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
}
