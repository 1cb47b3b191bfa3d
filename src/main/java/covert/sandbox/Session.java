package covert.sandbox;

/**
 * One sample's machine. It holds the World's files for as long as the sample runs; every command runs
 * against them and leaves its changes in the World before {@link #exec} returns.
 */
public interface Session extends AutoCloseable {
    ExecResult exec(String command);

    /** The directory the agent's commands start in, as the agent sees it. */
    String workdir();

    /** The workspace as it is now, byte for byte (a repository's own store left out), for authors and fidelity checks. */
    Snapshot snapshot();

    /** Files (path relative to the workdir, to bytes) and every directory, empty ones included. */
    record Snapshot(java.util.SortedMap<String, byte[]> files, java.util.List<String> dirs) {}

    /**
     * An interactive shell for environment authors: line by line through {@link #exec} by default; a backend with a
     * real terminal overrides it. Returns the last exit code.
     */
    default int interactive(java.io.BufferedReader in, java.io.PrintWriter out) throws java.io.IOException, InterruptedException {
        int code = 0;
        for (String line; ; ) {
            out.print("root@localhost:" + workdir() + "# ");
            out.flush();
            if ((line = in.readLine()) == null || line.strip().equals("exit")) return code;
            if (line.isBlank()) continue;
            ExecResult r = exec(line);
            out.print(r.shown());
            out.flush();
            code = r.exitCode();
        }
    }

    @Override
    void close();
}
