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
                InterveneCommand.class, ScanCommand.class, MergeCommand.class, TrendCommand.class, RedteamCommand.class, DatagenCommand.class,
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
            // picocli names the Java type it failed to convert to; the user typed a value, not a type
            String msg = ex.getMessage().split("\n")[0].replaceAll("\\s*\\((java|javax)\\.[^)]*\\)", "")
                    .replaceAll("cannot convert '(.*)' to (interface |class )?[\\w.$]+", "'$1' is not a valid value");
            err.println("covert: error: " + msg + " (see 'covert " + ("covert".equals(cmd) ? "" : cmd + " ") + "--help')");
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String problem = inputProblem(ex);
            if (problem != null) {
                err.println("covert: error: " + problem);
                return USER_ERROR;
            }
            err.println("covert: internal error: " + ex + (System.getenv("COVERT_DEBUG") == null ? " (set COVERT_DEBUG=1 for a stack trace)" : ""));
            if (System.getenv("COVERT_DEBUG") != null) ex.printStackTrace(err);
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // inputs are bounded so this should not happen; if it does, one line still beats a stack trace
            err.println("covert: internal error: " + (e instanceof OutOfMemoryError ? "out of memory" : "stack overflow")
                    + " (set COVERT_DEBUG=1 for a stack trace)");
            if (System.getenv("COVERT_DEBUG") != null) e.printStackTrace(err);
            return 1;
        }
    }

    /**
     * The one-line message for a failure caused by what the user gave (a file that is missing, unreadable, not
     * UTF-8 or not valid JSON/YAML), or null for a failure of Covert itself.
     */
    static String inputProblem(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            switch (t) {
                case UserError u -> {
                    return u.getMessage();
                }
                case java.nio.file.NoSuchFileException f -> {
                    return f.getFile() + ": no such file or directory";
                }
                case java.nio.file.AccessDeniedException f -> {
                    return f.getFile() + ": permission denied";
                }
                case java.nio.file.FileSystemException f -> {
                    return f.getFile() + ": " + (f.getReason() == null ? "cannot access" : f.getReason());
                }
                case java.nio.file.InvalidPathException p -> {
                    return "not a valid path: " + p.getReason();
                }
                case java.nio.charset.CharacterCodingException c -> {
                    return "an input file is not UTF-8 text";
                }
                case com.fasterxml.jackson.core.JsonProcessingException j -> {
                    return "invalid input: " + covert.log.Json.problem(j);
                }
                default -> {
                }
            }
        }
        return null;
    }
}
