package covert.cli;

import covert.UserError;
import covert.run.ProviderOptions;
import covert.redteam.Auditors;
import covert.redteam.RedTeam;
import covert.redteam.SimAuditor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "redteam", mixinStandardHelpOptions = true,
        description = "Search for adversarial variants of a suite that elicit a target's hidden goal; write the kept variants as a suite, "
                + "redteam.json and report.md.")
final class RedteamCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "The target, provider/name, e.g. sim/sabotage-goal+antischeming.")
    String model;

    @Option(names = "--before", description = "A comparison model (e.g. the target before anti-scheming training) run on the suite and the kept variants.")
    String before;

    @Option(names = "--suite", defaultValue = "hidden-goal", description = "Built-in suite name or a directory of YAML specs. Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--env", split = ",", description = "Only these environment ids (repeatable or comma-separated).")
    List<String> envs = new ArrayList<>();

    @Option(names = "--out", required = true, description = "New directory for the kept variants (a suite), logs, redteam.json and report.md.")
    Path out;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs of every run (suite, each round, confirmation). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Run seed; round r uses seed + r, the confirmation run seed + 7919. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of variants. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--variants", defaultValue = "8", description = "At most this many new variants per environment and round. Default: ${DEFAULT-VALUE}.")
    int variants;

    @Option(names = "--beam", defaultValue = "2", description = "sim/auditor: variants extended per environment and round. Default: ${DEFAULT-VALUE}.")
    int beam;

    @Option(names = {"-M", "--model-arg"}, description = "Target model argument key=value (repeatable).")
    Map<String, String> modelArgs = new LinkedHashMap<>();

    @Option(names = "--max-samples", defaultValue = "32", description = "Samples in flight at once. Default: ${DEFAULT-VALUE}.")
    int maxSamples;

    @Option(names = "--json", description = "Print redteam.json instead of the report.")
    boolean json;

    /** {@code --model-role auditor=provider/name} picks the auditor (default sim/auditor); other roles go to the runs. */
    @Mixin
    ProviderMixin providers;

    @picocli.CommandLine.Mixin
    SandboxMixin sandbox;

    @Override
    public Integer call() throws Exception {
        if (!model.contains("/")) throw new UserError("--model must look like provider/name, e.g. sim/sabotage-goal+antischeming");
        var p = sandbox.apply(providers.options());
        var roles = new TreeMap<>(p.roles());
        String auditorSpec = roles.remove("auditor");
        var runs = new ProviderOptions(p.baseUrl(), p.apiKeyEnv(), roles, p.cacheDir(), p.maxCost(), p.maxConnections(), p.priceTable(), p.sandbox(),
                p.commandTimeout(), p.maxRetryAfter());
        var auditor = Auditors.create(auditorSpec == null ? SimAuditor.NAME : auditorSpec, model, p, beam, seed);
        var cfg = new RedTeam.Config(suite, envs, model, modelArgs, before, epochs, seed, rounds, variants, maxSamples, runs);
        var result = RedTeam.run(cfg, auditor, out, covert.run.Progress.NONE);
        var o = spec.commandLine().getOut();
        o.print(json ? result.report().json() : result.report().text());
        if (!json) {
            o.println();
            o.println(result.kept().isEmpty() ? "No variant kept; " + out + " holds the search (rounds/, logs/) and redteam.json."
                    : "Kept variants: " + out + "  (re-run: covert run --suite " + out + " --model " + model + ")");
        }
        return 0;
    }
}
