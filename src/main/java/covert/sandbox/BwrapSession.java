package covert.sandbox;

import covert.world.World;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One sample's bubblewrap machine: a workspace kept in step with the World and a fresh namespace set per command. */
final class BwrapSession implements Session {
    /** What is kept of each stream; the model sees far less (see {@link Bounds#outputBytes}), the rest is counted and dropped. */
    static final int CAPTURE_BYTES = 1 << 20;

    private final Bwrap backend;
    private final Rootfs rootfs;
    private final Workspace workspace;
    private final World world;
    private final SandboxSpec spec;
    private final String hostname;
    private final Optional<PidsCgroup> pids;

    BwrapSession(Bwrap backend, Rootfs rootfs, Workspace workspace, World world, SandboxSpec spec, String hostname) throws IOException {
        this.backend = backend;
        this.rootfs = rootfs;
        this.workspace = workspace;
        this.world = world;
        this.spec = spec;
        this.hostname = hostname;
        Files.writeString(workspace.etc.resolve("hostname"), hostname + "\n");
        Files.writeString(workspace.etc.resolve("hosts"), Customize.hosts(hostname));
        this.pids = PidsCgroup.create(backend.bounds().processes());
        GitHistory history = spec.git() != null ? spec.git() : GitHistory.implied(world.files().walk(""));
        if (history != null) makeRepository(history);
    }

    /** Runs the history script in the sandbox; its reads of every file are the harness's, not the agent's. */
    private void makeRepository(GitHistory history) {
        var r = exec(history.script(workspace.now()));
        if (r.exitCode() != 0) throw new IllegalStateException("could not make the environment's git repository: " + r.stderr().strip());
        try {
            workspace.forgetReads(world);
            workspace.dateDirs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String workdir() {
        return spec.workdir();
    }

    @Override
    public Snapshot snapshot() {
        try {
            var files = new java.util.TreeMap<String, byte[]>();
            workspace.files().forEach((k, v) -> files.put(k, v.bytes()));
            return new Snapshot(files, workspace.dirs());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized ExecResult exec(String command) {
        Bounds b = backend.bounds();
        try {
            workspace.push(world);
            Instant start = Instant.now();
            var proc = new ProcessBuilder(limited(Bwrap.argv(rootfs, workspace, spec, hostname, false, List.of("/bin/bash", "-c", command))))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            var out = Capture.start(proc.getInputStream());
            var err = Capture.start(proc.getErrorStream());
            boolean finished = proc.waitFor(b.wallClock().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) kill(proc);
            int code = finished ? proc.exitValue() : ExecResult.TIMED_OUT;
            String stdout = out.text();
            String stderr = err.text();
            var stop = ExecResult.Stop.NONE;
            if (!finished) {
                stop = ExecResult.Stop.WALL_CLOCK;
                stderr += "bash: the command was killed after " + b.wallClock().toSeconds() + " seconds (timeout)\n";
            } else if (code == 128 + 24) {
                stop = ExecResult.Stop.CPU;
            } else if (code == 128 + 25) {
                stop = ExecResult.Stop.FILE_SIZE;
            }
            String full = workspace.enforceCap(b.workspaceBytes(), start);
            if (full != null) {
                stderr += "bash: " + full + "\n";
                if (stop == ExecResult.Stop.NONE) stop = ExecResult.Stop.WORKSPACE;
            }
            workspace.pull(world);
            return new ExecResult(stdout, stderr, code, stop);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox command failed to run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a sandbox command ran", e);
        }
    }

    /** A real bash on the caller's terminal, without the per-command timeout; syncs as after any command. */
    @Override
    public int interactive(java.io.BufferedReader in, java.io.PrintWriter out) throws IOException, InterruptedException {
        workspace.push(world);
        var proc = new ProcessBuilder(limited(Bwrap.argv(rootfs, workspace, spec, hostname, true, List.of("/bin/bash", "-i")))).inheritIO().start();
        int code = proc.waitFor();
        workspace.pull(world);
        return code;
    }

    private static final boolean DASH = Host.which("dash") != null;

    /**
     * Wraps bwrap in the per-process limits and, where there is one, the session's pids group. With dash the group
     * join and the limits take one small shell (its {@code ulimit} counts files in 512-byte blocks and processes
     * with {@code -p}); elsewhere prlimit(1) sets them.
     */
    private List<String> limited(List<String> bwrap) {
        Bounds b = backend.bounds();
        var a = new ArrayList<String>();
        if (DASH) {
            a.addAll(List.of("dash", "-c", "if [ -n \"$0\" ]; then echo $$ > \"$0\" || exit 126; fi; ulimit -c 0 && ulimit -t " + b.cpuSeconds()
                    + " && ulimit -v " + (b.memoryBytes() >> 10) + " && ulimit -f " + (b.fileBytes() >> 9) + " && ulimit -p " + b.processes()
                    + " && exec \"$@\"",
                    pids.map(g -> g.procs().toString()).orElse("")));
            a.addAll(bwrap);
            return a;
        }
        pids.ifPresent(g -> a.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", g.procs().toString())));
        a.addAll(List.of("prlimit", "--cpu=" + b.cpuSeconds(), "--as=" + b.memoryBytes(), "--fsize=" + b.fileBytes(),
                "--nproc=" + b.processes(), "--core=0", "--"));
        a.addAll(bwrap);
        return a;
    }

    /** Kills bwrap and everything below it; the pid namespace dies with its first process, the group is a second net. */
    private void kill(Process proc) throws InterruptedException {
        proc.descendants().forEach(ProcessHandle::destroyForcibly);
        proc.destroyForcibly();
        pids.ifPresent(PidsCgroup::killAll);
        proc.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        pids.ifPresent(PidsCgroup::close);
        workspace.close();
    }

    /** Drains a stream on a virtual thread, keeping the first {@link #CAPTURE_BYTES}. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;
        private final Thread thread;

        private Capture(InputStream in) {
            this.thread = Thread.ofVirtual().start(() -> drain(in));
        }

        static Capture start(InputStream in) {
            return new Capture(in);
        }

        private void drain(InputStream in) {
            var buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    int keep = (int) Math.max(0, Math.min(n, CAPTURE_BYTES - kept.size()));
                    kept.write(buf, 0, keep);
                    dropped += n - keep;
                }
            } catch (IOException e) {
                // the process was killed; what was read so far stands
            }
        }

        String text() throws InterruptedException {
            thread.join(5000);
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[" + dropped + " more bytes of output were discarded]\n";
        }
    }
}
