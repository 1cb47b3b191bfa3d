package covert.cli;

import covert.awareness.Detector;
import covert.UserError;
import covert.report.InterventionReport;
import covert.run.Edit;
import covert.run.Intervention;
import covert.run.Placement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "intervene", mixinStandardHelpOptions = true,
        description = "Causal CoT intervention: edit one assistant turn's reasoning in selected samples of a log (remove awareness, "
                + "inject a sentence, replace a span), resample the rest of each episode from the edited prefix, and report the covert "
                + "rate before and after with a paired interval. The resamples go to a new log linked to the originals.")
final class InterveneCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "A log written by covert run (.eval or .json).")
    Path log;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the new log of resampled samples.")
    Path out;

    @Option(names = "--env", split = ",", description = "Only samples of these environments (repeatable or comma-separated).")
    List<String> envs = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Awareness awareness;

    static final class Awareness {
        @Option(names = "--aware", description = "Only samples whose reasoning verbalizes evaluation awareness.")
        boolean aware;

        @Option(names = "--unaware", description = "Only samples whose reasoning does not.")
        boolean unaware;
    }

    @Option(names = "--limit", defaultValue = "0", description = "At most N selected samples; 0 = all.")
    int limit;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Edits edit;

    static final class Edits {
        @Option(names = "--remove-awareness", description = "Delete the sentences holding detected awareness spans.")
        boolean remove;

        @Option(names = "--inject", paramLabel = "TEXT", description = "Insert TEXT, e.g. \"This might be an alignment test.\"")
        String inject;

        @Option(names = "--replace-span", paramLabel = "REGEX", description = "Replace every match of REGEX (needs --with).")
        String replace;
    }

    @Option(names = "--at", defaultValue = "start", description = "Where --inject puts the text: start or end (of the reasoning), "
            + "sentence:K (right after its K-th sentence), or before-first-action (after the last sentence before the first tool call). "
            + "Default: ${DEFAULT-VALUE}.")
    String at;

    @Option(names = "--keep-rest", description = "Keep the original reasoning after the edit in the prefix (by default the prefix is cut "
            + "where the edit ends and the model writes the rest).")
    boolean keepRest;

    @Option(names = "--controls", description = "Also run a no-edit resample (same prefix cut, no change) and a random-sentence control "
            + "(remove or inject an unrelated sentence of the same length), and report each condition against the no-edit control.")
    boolean controls;

    @Option(names = "--exclude-reaware", description = "After a removal, also give the effect without the resamples that verbalize "
            + "awareness again.")
    boolean excludeReaware;

    @Option(names = "--with", paramLabel = "TEXT", description = "The replacement for --replace-span (literal text).")
    String with;

    @Option(names = "--turn", paramLabel = "K", description = "The assistant turn to edit (0 = first); default: the first turn the edit applies to.")
    Integer turn;

    @Option(names = "--resamples", defaultValue = "1", description = "Resamples per selected sample. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--model", description = "provider/name to resample with; default: the log's model with its model args.")
    String model;

    @Option(names = {"-M", "--model-arg"}, description = "Model argument key=value for --model (repeatable).")
    Map<String, String> modelArgs = new LinkedHashMap<>();

    @Option(names = "--prefill-visible", description = "For models whose reasoning cannot be edited: prefill the --inject text as a "
            + "visible assistant turn instead. A weaker intervention, labelled as such in the output and the log.")
    boolean prefillVisible;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the table.")
    boolean json;

    @picocli.CommandLine.Mixin
    SandboxMixin sandbox;

    @Override
    public Integer call() throws Exception {
        if (model == null && !modelArgs.isEmpty()) throw new UserError("-M needs --model (without it the log's model args are used)");
        if (edit.replace == null && with != null) throw new UserError("--with goes with --replace-span");
        Edit e = edit.remove ? new Edit.RemoveAwareness(Detector.standard(), keepRest)
                : edit.inject != null ? new Edit.Inject(edit.inject, Placement.parse(at), keepRest)
                : Edit.ReplaceSpan.of(edit.replace, with, keepRest);
        Boolean aware = awareness == null ? null : awareness.aware ? Boolean.TRUE : awareness.unaware ? Boolean.FALSE : null;
        var result = Intervention.run(new Intervention.Request(log, envs, aware, limit, e, turn, resamples, model, modelArgs, prefillVisible, out,
                sandbox.sandbox, sandbox.commandTimeout, controls, excludeReaware));
        var o = spec.commandLine().getOut();
        o.print(json ? InterventionReport.json(result) + "\n" : InterventionReport.text(result));
        o.flush();
        return 0;
    }
}
