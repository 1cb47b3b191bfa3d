package covert.cli;

import covert.UserError;
import covert.stats.Interval;
import covert.stats.Tests;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true, description = "Statistics on counts, for scripts and checks.",
        subcommands = {StatsCommand.IntervalCmd.class, StatsCommand.McNemarCmd.class, StatsCommand.FisherCmd.class})
final class StatsCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void print(picocli.CommandLine.Model.CommandSpec spec, boolean json, Map<String, Object> values) throws Exception {
        var out = spec.commandLine().getOut();
        if (json) out.println(covert.log.Json.MAPPER.writeValueAsString(values));
        else values.forEach((k, v) -> out.println(k + ": " + v));
        out.flush();
    }

    @Command(name = "interval", mixinStandardHelpOptions = true, description = "Interval for K successes in N trials.")
    static final class IntervalCmd implements java.util.concurrent.Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--successes", required = true, paramLabel = "K")
        int k;

        @Option(names = "--trials", required = true, paramLabel = "N")
        int n;

        @Option(names = "--method", defaultValue = "wilson", description = "wilson, exact, jeffreys or bayes. Default: ${DEFAULT-VALUE}.")
        String method;

        @Option(names = "--confidence", defaultValue = "0.95")
        double confidence;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (n < 1) throw new UserError("--trials must be at least 1");
            if (k < 0 || k > n) throw new UserError("--successes must be between 0 and --trials");
            if (!(confidence > 0 && confidence < 1)) throw new UserError("--confidence must be between 0 and 1"); // NaN fails too
            var r = Interval.parse(method).of(k, n, confidence);
            var m = new LinkedHashMap<String, Object>();
            m.put("estimate", r.rate());
            m.put("lower", r.lower());
            m.put("upper", r.upper());
            print(spec, json, m);
            return 0;
        }
    }

    @Command(name = "mcnemar", mixinStandardHelpOptions = true, description = "Exact McNemar test on B and C discordant pairs.")
    static final class McNemarCmd implements java.util.concurrent.Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--b", required = true, description = "Pairs positive only in the first run.")
        int b;

        @Option(names = "--c", required = true, description = "Pairs positive only in the second run.")
        int c;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (b < 0 || c < 0) throw new UserError("--b and --c must be >= 0");
            print(spec, json, Map.of("p_value", Tests.mcnemar(b, c)));
            return 0;
        }
    }

    @Command(name = "fisher", mixinStandardHelpOptions = true, description = "Two-sided Fisher exact test of K1/N1 against K2/N2.")
    static final class FisherCmd implements java.util.concurrent.Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--a", required = true, paramLabel = "K1/N1")
        String a;

        @Option(names = "--b", required = true, paramLabel = "K2/N2")
        String b;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            int[] x = counts("--a", a), y = counts("--b", b);
            print(spec, json, Map.of("p_value", Tests.fisher(x[0], x[1], y[0], y[1])));
            return 0;
        }

        private static int[] counts(String flag, String v) {
            var m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(v.strip());
            if (!m.matches()) throw new UserError(flag + " must look like K/N, e.g. 3/50, got '" + v + "'");
            int k = Integer.parseInt(m.group(1)), n = Integer.parseInt(m.group(2));
            if (k > n || n == 0) throw new UserError(flag + ": need 0 <= K <= N and N > 0, got " + v);
            return new int[] {k, n};
        }
    }
}
