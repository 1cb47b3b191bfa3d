package covert.sandbox;

import java.time.Duration;

/**
 * What one command may use before it is stopped. The defaults fit an agent's interactive commands
 * (pytest on a small repository, a grep over it) and stop runaway ones well before they hurt the host.
 *
 * @param wallClock   per command; the whole process tree is killed and the command exits 124
 * @param cpuSeconds  CPU time per process (RLIMIT_CPU)
 * @param memoryBytes address space per process (RLIMIT_AS)
 * @param processes   processes and threads in the sandbox at once (a pids cgroup where the host has one)
 * @param fileBytes   largest file a process may write (RLIMIT_FSIZE)
 * @param workspaceBytes the writable areas (workspace, /tmp, home) together
 * @param outputBytes what the model is shown of a command's output; the rest is cut with a note
 */
public record Bounds(Duration wallClock, long cpuSeconds, long memoryBytes, int processes, long fileBytes, long workspaceBytes,
                     int outputBytes) {
    public static final long DEFAULT_TIMEOUT_SECONDS = 60;
    public static final Bounds DEFAULT = new Bounds(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), 60, 4L << 30, 256, 256L << 20,
            1L << 30, 16 * 1024);

    public Bounds {
        if (wallClock.isNegative() || wallClock.isZero()) throw new IllegalArgumentException("the command timeout must be positive");
    }

    public Bounds withWallClock(Duration d) {
        return new Bounds(d, Math.max(1, Math.min(cpuSeconds, d.toSeconds() + 1)), memoryBytes, processes, fileBytes, workspaceBytes, outputBytes);
    }
}
