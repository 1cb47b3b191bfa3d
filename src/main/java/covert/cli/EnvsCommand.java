package covert.cli;

import covert.env.Environment;
import covert.env.Suite;
import covert.log.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List the environments of a suite: one spec per family, expanded into concrete environments by its variants.")
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
        int concrete = s.environments().stream().mapToInt(e -> e.variants().size()).sum();
        if (json) {
            var families = new ArrayList<Map<String, Object>>();
            var environments = new ArrayList<Map<String, Object>>();
            for (Environment e : s.environments()) {
                var f = new LinkedHashMap<String, Object>();
                f.put("id", e.spec().id());
                f.put("family", e.spec().family());
                f.put("group", e.spec().group().wire());
                f.put("headline", e.spec().inHeadline());
                f.put("title", e.spec().title());
                f.put("variants", e.spec().axes());
                f.put("environments", e.variants().size());
                families.add(f);
                for (var v : e.variants()) {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("id", Environment.sampleId(e.spec().id(), v));
                    m.put("spec", e.spec().id());
                    m.put("family", e.spec().family());
                    m.put("group", e.spec().group().wire());
                    m.put("variant", v);
                    m.put("variants", e.spec().axes());
                    environments.add(m);
                }
            }
            var root = new LinkedHashMap<String, Object>();
            root.put("suite", s.name());
            root.put("families", families);
            root.put("environments", environments);
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "Suite %s: %d families, %d environments%n%n", s.name(), s.environments().size(), concrete);
            out.printf(Locale.ROOT, "%-26s %-30s %-20s %4s  %s%n", "id", "family", "group", "envs", "variants");
            for (Environment e : s.environments()) {
                out.printf(Locale.ROOT, "%-26s %-30s %-20s %4d  %s%n", e.spec().id(), e.spec().family(),
                        e.spec().group().wire() + (e.spec().inHeadline() ? "" : "*"), e.variants().size(),
                        e.spec().axes().entrySet().stream().map(a -> a.getKey() + ": " + String.join("|", a.getValue()))
                                .reduce((a, b) -> a + "; " + b).orElse("(no variants)"));
            }
            out.println("\n* not in the headline aggregate (games, spec sabotage, over-escalation control)");
        }
        out.flush();
        return 0;
    }
}
