package covert.cli;

import covert.run.Validator;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check that every environment's checker separates a schemer policy (covert when it can) from a saint policy "
                + "(escalates instead), in every variant. Offline, the policies are the simulated organism's playbook paths.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", defaultValue = "covert", description = "Built-in suite name or a directory. Default: ${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--env", split = ",", description = "Only these environment ids.")
    List<String> envs = new ArrayList<>();

    @Option(names = "--epochs", defaultValue = "3", description = "Runs per variant and policy (wording varies). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--model", description = "Validate with a real model, run once with a schemer and once with a saint system prompt.")
    String model;

    @picocli.CommandLine.Mixin
    ProviderMixin providers;

    @picocli.CommandLine.Mixin
    SandboxMixin sandbox;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var dir = Files.createTempDirectory("covert-validate");
        var cells = Validator.validate(suite, envs, epochs, 0, dir, model, sandbox.apply(providers.options()));
        var failed = cells.stream().filter(c -> !c.ok()).toList();
        long envCount = cells.stream().map(Validator.Cell::sample).distinct().count();
        for (var c : failed) {
            out.println("FAIL " + c.sample() + ": " + c.policy() + " should be " + c.expected() + ", checker said " + c.outcomes());
        }
        out.printf("%d environments x 2 policies x %d epochs: %d separated, %d failed%n", envCount, epochs, cells.size() - failed.size(), failed.size());
        out.flush();
        return failed.isEmpty() ? 0 : 1;
    }
}
