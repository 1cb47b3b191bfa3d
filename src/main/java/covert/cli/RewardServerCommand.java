package covert.cli;

import covert.env.Suite;
import covert.train.Replay;
import covert.train.RewardServer;
import covert.train.RlTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reward-server", mixinStandardHelpOptions = true,
        description = "Serve the environment checkers as an RL reward function: POST /score {task_id, transcript} replays the "
                + "transcript's tool calls on a fresh World of the task and returns {reward, outcome, evidence}. Ctrl-C stops it.")
final class RewardServerCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "7576", description = "Port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--deadline", defaultValue = "30", description = "Seconds one /score request may take before it is stopped "
            + "with a 503. Default: ${DEFAULT-VALUE}.")
    long deadlineSeconds;

    @Option(names = "--suite", split = ",", description = "Suites whose tasks are scored (default: train,validation).")
    List<String> suites = new ArrayList<>();

    @Option(names = "--tasks", paramLabel = "FILE", description = "rl_tasks.jsonl from covert datagen: tasks that start from earlier turns "
            + "(@prefix, @violation) are scored on those turns and then the transcript's, and confession tasks reward disclosure.")
    Path tasks;

    @picocli.CommandLine.Mixin
    SandboxMixin sandbox;

    @Override
    public Integer call() throws Exception {
        var known = tasks == null ? Map.<String, RlTasks.Task>of() : RlTasks.read(tasks);
        var names = suites.isEmpty() ? List.of("train", "validation") : suites;
        var loaded = names.stream().map(Suite::load).toList();
        // The reward server scores real policies in training: auto means bwrap where it can run.
        var p = sandbox.apply(covert.run.ProviderOptions.DEFAULT);
        var sb = covert.sandbox.Sandboxes.choose(p.sandbox(), false, p.bounds(), w -> spec.commandLine().getErr().println("covert: " + w));
        covert.sandbox.Sandboxes.prepare(sb, loaded.stream().flatMap(s -> s.environments().stream()).map(e -> e.spec().sandbox()).toList(),
                spec.commandLine().getErr());
        var replay = new Replay(loaded, sb, known);
        try (var server = RewardServer.start(replay, host, port, java.time.Duration.ofSeconds(deadlineSeconds))) {
            spec.commandLine().getOut().println("reward server on http://" + host + ":" + server.port() + "/score (suites: " + String.join(", ", names)
                    + (tasks == null ? "" : "; " + known.size() + " tasks from " + tasks) + ")");
            spec.commandLine().getOut().flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
