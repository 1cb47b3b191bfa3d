package covert.sandbox;

import static org.junit.jupiter.api.Assertions.fail;

import covert.world.World;
import covert.world.WorldSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * What the sandbox tests need from the host: bwrap with namespaces and the built root file system. Where they
 * are missing the tests skip with one line, unless {@code COVERT_REQUIRE_SANDBOX=1} (CI), where a skip is a failure.
 */
public final class SandboxHost {
    private SandboxHost() {}

    public static void require() {
        String why = Bwrap.unavailable().orElse(Rootfs.base().ready() ? null : Rootfs.base().howToBuild());
        if (why == null) return;
        if ("1".equals(System.getenv("COVERT_REQUIRE_SANDBOX"))) fail("COVERT_REQUIRE_SANDBOX=1 but the sandbox cannot run: " + why);
        Assumptions.abort("sandbox tests skipped: " + why);
    }

    static Bwrap bwrap(int timeoutSeconds) {
        return new Bwrap(Bounds.DEFAULT.withWallClock(Duration.ofSeconds(timeoutSeconds)));
    }

    static World world(Map<String, String> files) {
        return new World(new WorldSpec(files, null, null, null, null, null));
    }
}
