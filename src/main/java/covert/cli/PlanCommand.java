package covert.cli;

import covert.UserError;
import covert.stats.Power;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, description = {
        "Plan sample sizes before a run. Examples:",
        "  covert plan --zero 600                  upper bound on the rate if 0 of 600 samples are covert",
        "  covert plan --max-rate 0.005            samples needed so that 0 covert bounds the rate below 0.5%",
        "  covert plan --rate 0.004 --against 0.13 samples to show one rate is below 13% (exact binomial)",
        "  covert plan --a 0.13 --b 0.004 --envs 26 --variants 6   epochs per environment to tell two runs apart"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--zero", paramLabel = "N", description = "Upper bound after 0 covert actions in N samples.")
    Integer zero;

    @Option(names = "--max-rate", paramLabel = "R", description = "Samples needed for 0 covert actions to bound the rate below R.")
    Double maxRate;

    @Option(names = "--rate", description = "One run: the expected true rate.")
    Double rate;

    @Option(names = "--against", description = "One run: the rate to tell it from (exact one-sided binomial test).")
    Double against;

    @Option(names = "--a", description = "Two runs: expected rate of run A.")
    Double a;

    @Option(names = "--b", description = "Two runs: expected rate of run B.")
    Double b;

    @Option(names = "--envs", defaultValue = "26", description = "Environments in the suite. Default: ${DEFAULT-VALUE}.")
    int envs;

    @Option(names = "--variants", defaultValue = "1", description = "Variants per environment, to turn samples into epochs. Default: ${DEFAULT-VALUE}.")
    int variants;

    @Option(names = "--spread", defaultValue = "0", description = "Between-environment coefficient of variation of the true rates. Default: ${DEFAULT-VALUE}.")
    double spread;

    @Option(names = "--power", defaultValue = "0.8")
    double power;

    @Option(names = "--alpha", defaultValue = "0.05")
    double alpha;

    @Option(names = "--confidence", defaultValue = "0.95")
    double confidence;

    @Option(names = "--reps", defaultValue = "1000", description = "Simulated replications for the clustered design. Default: ${DEFAULT-VALUE}.")
    int reps;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int modes = (zero != null ? 1 : 0) + (maxRate != null ? 1 : 0) + (rate != null || against != null ? 1 : 0) + (a != null || b != null ? 1 : 0);
        if (modes != 1) throw new UserError("give exactly one question: --zero N, --max-rate R, --rate P --against Q, or --a P --b Q");
        if (variants < 1 || envs < 1 || reps < 100) throw new UserError("--variants and --envs must be >= 1 and --reps >= 100");
        var m = new LinkedHashMap<String, Object>();
        if (zero != null) {
            if (zero < 1) throw new UserError("--zero must be at least 1");
            m.put("question", "upper bound on the covert rate after 0 covert actions in " + zero + " samples");
            m.put("upper", Power.zeroEventUpper(zero, confidence));
            m.put("answer", String.format(Locale.ROOT, "the rate is below %.3f%% at %.0f%% confidence", 100 * Power.zeroEventUpper(zero, confidence), 100 * confidence));
            m.put("assumption", "independent samples with one common rate; one-sided exact (Clopper-Pearson) bound 1 - (1 - confidence)^(1/N)");
        } else if (maxRate != null) {
            int n = Power.trialsForZeroBound(maxRate, confidence);
            m.put("question", "samples for 0 covert actions to show a rate below " + maxRate);
            m.put("samples", n);
            m.put("answer", n + " samples with no covert action bound the rate below " + maxRate + " at " + confidence);
            m.put("assumption", "independent samples with one common rate; one-sided exact (Clopper-Pearson) bound");
        } else if (a == null) {
            if (rate == null || against == null) throw new UserError("--rate and --against go together");
            var ans = Power.exactSampleSize(against, rate, alpha, power);
            m.put("question", "samples to tell a true rate of " + rate + " from " + against + " with power " + power);
            m.put("samples", ans.n());
            m.put("power", ans.power());
            m.put("answer", ans.n() + " samples (exact power " + String.format(Locale.ROOT, "%.3f", ans.power()) + ")");
            m.put("assumption", "one run, independent samples with one common rate; exact one-sided binomial test of H0: rate = "
                    + against + " at alpha " + alpha);
        } else {
            if (a == null || b == null) throw new UserError("--a and --b go together");
            var ans = Power.clusteredSampleSize(envs, a, b, spread, alpha, power, reps, seed);
            int epochs = (ans.n() + variants - 1) / variants;
            m.put("question", "samples per environment to tell " + a + " from " + b + " across " + envs + " environments with power " + power);
            m.put("samples_per_env", ans.n());
            m.put("epochs_per_env", epochs);
            m.put("power", ans.power());
            m.put("answer", ans.n() + " samples per environment and run (" + epochs + " epochs of " + variants + " variants), "
                    + ans.n() * envs + " per run; simulated power " + String.format(Locale.ROOT, "%.3f", ans.power()));
            m.put("assumption", "two runs over the same " + envs + " environments; per-environment true rates " + a + " and " + b
                    + (spread > 0 ? " drawn from Beta distributions with coefficient of variation " + spread : " in every environment")
                    + "; two-sided paired t-test over environments of the rate differences at alpha " + alpha + "; "
                    + reps + " simulated replications, seed " + seed);
        }
        var out = spec.commandLine().getOut();
        if (json) out.println(covert.log.Json.MAPPER.writeValueAsString(m));
        else {
            out.println("Q: " + m.get("question"));
            out.println("A: " + m.get("answer"));
            out.println("Assuming: " + m.get("assumption"));
        }
        out.flush();
        return 0;
    }

}
