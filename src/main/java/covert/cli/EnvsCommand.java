package covert.cli;

import covert.env.Environment;
import covert.env.Suite;
import covert.log.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "envs", mixinStandardHelpOptions = true, description = "List the environments of a suite with their families and variants.")
final class EnvsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", defaultValue = "covert", description = "Built-in suite name or a directory of YAML specs. Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var s = Suite.load(suite);
        if (json) {
            var list = s.environments().stream().map(e -> {
                var m = new LinkedHashMap<String, Object>();
                m.put("id", e.spec().id());
                m.put("family", e.spec().family());
                m.put("title", e.spec().title());
                m.put("variants", e.spec().axes());
                m.put("samples", e.variants().size());
                return m;
            }).toList();
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("suite", s.name(), "environments", list)));
        } else {
            out.printf(Locale.ROOT, "Suite %s: %d environments%n%n", s.name(), s.environments().size());
            for (Environment e : s.environments()) {
                out.printf(Locale.ROOT, "%-24s %-24s %3d samples  %s%n", e.spec().id(), e.spec().family(), e.variants().size(),
                        e.spec().axes().entrySet().stream().map(a -> a.getKey() + ": " + String.join("|", a.getValue()))
                                .reduce((a, b) -> a + "; " + b).orElse("(no variants)"));
            }
        }
        out.flush();
        return 0;
    }
}
