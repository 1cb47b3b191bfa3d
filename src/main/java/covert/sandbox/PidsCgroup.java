package covert.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * A process cap for one session. RLIMIT_NPROC does not bind a process of the host's root user, so where the
 * host offers a writable cgroup v1 {@code pids} hierarchy (root on a VM) each session gets its own group; the
 * sandboxed shell joins it before bwrap starts. Elsewhere only RLIMIT_NPROC applies (enough for non-root users).
 */
final class PidsCgroup implements AutoCloseable {
    private static final Path V1 = Path.of("/sys/fs/cgroup/pids");

    final Path dir;

    private PidsCgroup(Path dir) {
        this.dir = dir;
    }

    static Optional<PidsCgroup> create(int max) {
        if (!Files.isDirectory(V1) || !Files.isWritable(V1)) return Optional.empty();
        try {
            Path parent = Files.createDirectories(V1.resolve("covert"));
            Path dir = Files.createDirectory(parent.resolve(UUID.randomUUID().toString()));
            Files.writeString(dir.resolve("pids.max"), Integer.toString(max));
            return Optional.of(new PidsCgroup(dir));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Path procs() {
        return dir.resolve("cgroup.procs");
    }

    /** Kills whatever is still in the group (a process that escaped the namespace's end cannot exist, but cost nothing to check). */
    void killAll() {
        try {
            for (String pid : Files.readAllLines(procs())) {
                if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | RuntimeException e) {
            // nothing left to kill
        }
    }

    @Override
    public void close() {
        killAll();
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);  // the killed processes leave the group a moment later
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
