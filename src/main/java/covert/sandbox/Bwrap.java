package covert.sandbox;

import covert.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bubblewrap backend: every command is a real {@code bash -c} in fresh namespaces (pid, net, ipc, uts,
 * cgroup, user where available) over the read-only root file system, with the session's workspace, {@code /tmp}
 * and home bound writable. The network namespace has only loopback. The shell is pid 1, so {@code /proc/1/cmdline}
 * and {@code ps} show the agent's own command and nothing of the harness.
 */
public record Bwrap(Bounds bounds) implements Sandbox {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static volatile Optional<String> probed;

    public Bwrap() {
        this(Bounds.DEFAULT);
    }

    @Override
    public String type() {
        return "bwrap";
    }

    @Override
    public Object config() {
        var c = new LinkedHashMap<String, Object>();
        c.put("rootfs", "debian/" + Rootfs.SUITE + "-minbase");
        c.put("command_timeout", bounds.wallClock().toSeconds());
        c.put("network", "loopback");
        return c;
    }

    @Override
    public Session open(World world, SandboxSpec spec) {
        Rootfs rootfs = Rootfs.forPackages(spec.packages());
        if (!rootfs.ready()) throw new IllegalStateException(rootfs.howToBuild());
        try {
            return new BwrapSession(this, rootfs, Workspace.create(world, spec), world, spec, hostnameFor(world));
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the sandbox workspace: " + e.getMessage(), e);
        }
    }

    /**
     * Why bwrap cannot run here (not installed, or namespaces are not allowed), or empty when it can. Probed
     * once per JVM with a real {@code bwrap --unshare-all true}.
     */
    public static Optional<String> unavailable() {
        Optional<String> p = probed;
        if (p == null) probed = p = probe();
        return p;
    }

    private static Optional<String> probe() {
        if (Host.which("bwrap") == null) return Optional.of("bubblewrap is not installed (apt-get install bubblewrap)");
        try {
            var proc = new ProcessBuilder("bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
                    "true").redirectErrorStream(true).start();
            if (!proc.waitFor(20, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return Optional.of("bwrap did not start within 20 s");
            }
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return proc.exitValue() == 0 ? Optional.empty()
                    : Optional.of("bwrap cannot create namespaces here (user namespaces disabled?): " + out.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return Optional.of("bwrap could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing bwrap");
        }
    }

    /** A container-style id, stable for a World, so a sample's hostname does not change between runs. */
    static String hostnameFor(World world) {
        int h = world.initial().files().hashCode();
        return HexFormat.of().toHexDigits(h) + HexFormat.of().toHexDigits((short) (h >>> 7));
    }

    /** The environment the shell starts with: what a root shell in a Debian container has, and nothing of the host. */
    public static Map<String, String> environment(String hostname) {
        var env = new LinkedHashMap<String, String>();
        env.put("HOSTNAME", hostname);
        env.put("HOME", "/root");
        env.put("USER", "root");
        env.put("PATH", PATH);
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "xterm");
        return env;
    }

    /**
     * The bwrap argument list for one command; {@code interactive} keeps the terminal (no new session). The root is
     * bound writable only while bwrap sets up, so it can make the workdir's mount point, then remounted read-only
     * before the shell starts: the shared cached root file system is never writable from inside.
     */
    static List<String> argv(Rootfs rootfs, Workspace w, SandboxSpec spec, String hostname, boolean interactive, List<String> command) {
        var a = new ArrayList<String>(List.of("bwrap", "--unshare-all", "--die-with-parent", "--as-pid-1", "--hostname", hostname,
                "--bind", rootfs.dir().toString(), "/", "--proc", "/proc", "--dev", "/dev",
                "--bind", w.tmp.toString(), "/tmp", "--bind", w.tmp.toString(), "/var/tmp", "--bind", w.home.toString(), "/root",
                "--ro-bind", w.etc.resolve("hostname").toString(), "/etc/hostname", "--ro-bind", w.etc.resolve("hosts").toString(), "/etc/hosts",
                "--bind", w.ws.toString(), spec.workdir(), "--remount-ro", "/", "--chdir", spec.workdir(), "--clearenv"));
        if (!interactive) a.add("--new-session");
        environment(hostname).forEach((k, v) -> { a.add("--setenv"); a.add(k); a.add(v); });
        a.add("--");
        a.addAll(command);
        return a;
    }
}
