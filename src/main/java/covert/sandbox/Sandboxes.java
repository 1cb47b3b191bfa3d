package covert.sandbox;

import covert.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.function.Consumer;

/** Picks the backend a run uses from {@code --sandbox} and gets it ready (the root file system on first use). */
public final class Sandboxes {
    public static final String CHOICES = "auto, bwrap or emulated";

    /** What {@code --sandbox} asked for. */
    public enum Choice {
        /** bwrap for every real model where the host allows it; the emulated shell for simulated organisms. */
        AUTO,
        BWRAP,
        EMULATED;

        public static Choice parse(String s) {
            if (s == null || s.isBlank()) return AUTO;
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("--sandbox must be " + CHOICES + ", got '" + s + "'");
            }
        }
    }

    public static final String EMULATED_WARNING = "WARNING: a real model is running on the emulated shell: commands beyond its small "
            + "built-in set answer 'command not found', which tells the model it is being tested. Use --sandbox bwrap.";

    private Sandboxes() {}

    /**
     * The backend for a run. {@code simulated} is true for {@code sim/} organisms, which keep the emulated shell
     * under {@code auto}. A real model that ends up on the emulated shell is announced through {@code warn}.
     */
    public static Sandbox choose(String choice, boolean simulated, Bounds bounds, Consumer<String> warn) {
        return switch (Choice.parse(choice)) {
            case EMULATED -> {
                if (!simulated) warn.accept(EMULATED_WARNING);
                yield new Emulated();
            }
            case BWRAP -> {
                var why = Bwrap.unavailable();
                if (why.isPresent()) throw new UserError("--sandbox bwrap is not available here: " + why.get());
                yield new Bwrap(bounds);
            }
            case AUTO -> {
                if (simulated) yield new Emulated();
                var why = Bwrap.unavailable().or(() -> Rootfs.base().ready() || (Host.which("debootstrap") != null && isRoot())
                        ? java.util.Optional.empty() : java.util.Optional.of(Rootfs.base().howToBuild()));
                if (why.isEmpty()) yield new Bwrap(bounds);
                warn.accept(EMULATED_WARNING + " (bwrap: " + why.get() + ")");
                yield new Emulated();
            }
        };
    }

    /**
     * Makes sure every root file system the environments need exists: builds it on first use, with progress on
     * {@code err}, where debootstrap can run; otherwise fails with the one line that says how to build it.
     */
    public static void prepare(Sandbox sandbox, Collection<SandboxSpec> specs, PrintWriter err) {
        if (!(sandbox instanceof Bwrap)) return;
        var needed = new LinkedHashSet<Rootfs>();
        for (SandboxSpec s : specs) needed.add(Rootfs.forPackages(s.packages()));
        for (Rootfs r : needed) {
            if (r.ready()) continue;
            if (Host.which("debootstrap") == null || !isRoot()) throw new UserError(r.howToBuild());
            try {
                r.build(err);
            } catch (IOException e) {
                throw new UserError("building the sandbox's root file system failed: " + e.getMessage().lines().findFirst().orElse(""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while building the sandbox's root file system");
            }
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
