package covert.cli;

import covert.run.ProviderOptions;
import covert.sandbox.Bounds;
import picocli.CommandLine.Option;

/** Where the agent's commands run, shared by the verbs that run agents (run, validate, intervene, redteam, datagen, reward-server). */
final class SandboxMixin {
    @Option(names = "--sandbox", defaultValue = "auto", paramLabel = "auto|bwrap|emulated",
            description = "Where bash runs: bwrap (a real Debian userland in bubblewrap), emulated (the in-JVM shell) or auto "
                    + "(bwrap for real models where available, emulated for sim/ organisms). Default: ${DEFAULT-VALUE}.")
    String sandbox;

    @Option(names = "--command-timeout", paramLabel = "SECONDS", defaultValue = "" + Bounds.DEFAULT_TIMEOUT_SECONDS,
            description = "Wall-clock limit per sandboxed command; a command killed by it exits 124. Default: ${DEFAULT-VALUE}.")
    long commandTimeout;

    ProviderOptions apply(ProviderOptions p) {
        return p.withSandbox(sandbox, commandTimeout);
    }
}
