package covert.cli;

import covert.report.Summary;
import covert.report.TextReport;
import covert.run.ShardMerge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the logs of covert run --shard 1/n .. n/n into one Inspect log, the same in content as the unsharded run "
                + "with the same seed. Refuses shards of different runs, and overlapping or missing shards.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD_LOG", description = "The shard logs (.eval or .json), in any order.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "LOG", description = "The merged log to write (.eval or .json); must not exist.")
    Path out;

    @Override
    public Integer call() throws Exception {
        var r = ShardMerge.merge(shards, out);
        var w = spec.commandLine().getOut();
        w.print(TextReport.render(Summary.of(r.log().toString(), r.evalLog())));
        w.println("Merged " + r.shards() + " shards: " + r.log());
        w.flush();
        return 0;
    }
}
