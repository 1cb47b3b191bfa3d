package covert.sandbox;

/**
 * What one command did. {@code exitCode} is the shell's; 124 means the wall-clock limit killed it, as
 * {@code timeout(1)} reports. {@code stopped} names the bound that ended it, if any.
 */
public record ExecResult(String stdout, String stderr, int exitCode, Stop stopped, String terminal) {
    public static final int TIMED_OUT = 124;

    /** The bound that ended a command early; {@code NONE} when it ended on its own. */
    public enum Stop { NONE, WALL_CLOCK, CPU, FILE_SIZE, MEMORY, WORKSPACE }

    public ExecResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        stopped = stopped == null ? Stop.NONE : stopped;
    }

    public ExecResult(String stdout, String stderr, int exitCode, Stop stopped) {
        this(stdout, stderr, exitCode, stopped, null);
    }

    public static ExecResult of(String stdout, String stderr, int exitCode) {
        return new ExecResult(stdout, stderr, exitCode, Stop.NONE);
    }

    /**
     * As the model is shown it: the backend's own interleaving when it has one ({@code terminal}), otherwise the way
     * Inspect's bash tool reports a command, stderr first, then stdout.
     */
    public String shown() {
        if (terminal != null) return terminal;
        return stderr.isEmpty() ? stdout : stderr + (stderr.endsWith("\n") ? "" : "\n") + stdout;
    }
}
