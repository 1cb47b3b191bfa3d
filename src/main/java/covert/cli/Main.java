package covert.cli;

import covert.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code covert} command line: the only place where the pieces are wired together. */
@Command(name = "covert", mixinStandardHelpOptions = true, version = "covert 0.1.0",
        description = "Measure covert actions (lying, sabotage, sandbagging, hidden rule violations) in LLM agents.",
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, CompareCommand.class, EnvsCommand.class,
                PlanCommand.class, ForecastCommand.class, StatsCommand.class, ValidateCommand.class, DbCommand.class, ViewCommand.class,
                InterveneCommand.class, ScanCommand.class, TrendCommand.class, RedteamCommand.class, DatagenCommand.class,
                RewardServerCommand.class, AwarenessCommand.class, SandboxCommand.class, CheckerCommand.class, ReviewCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this directly). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        var cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandName();
            err.println("covert: error: " + ex.getMessage().split("\n")[0] + " (see 'covert " + ("covert".equals(cmd) ? "" : cmd + " ") + "--help')");
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError) {
                err.println("covert: error: " + ex.getMessage());
                return USER_ERROR;
            }
            err.println("covert: internal error: " + ex + (System.getenv("COVERT_DEBUG") == null ? " (set COVERT_DEBUG=1 for a stack trace)" : ""));
            if (System.getenv("COVERT_DEBUG") != null) ex.printStackTrace(err);
            return 1;
        });
        return cl.execute(args);
    }
}
