package covert.cli;

import covert.UserError;
import covert.view.ReviewServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true, description = {
        "Review flagged verdicts of one .eval log in the browser (127.0.0.1 only): samples where the classifier or the grader",
        "disagrees with the deciding keyword judgement, the classifier is uncertain or the grader answered unreadably, and with",
        "--all-covert every covert one. Confirm or override with a reason;",
        "each decision is stored in the log as an Inspect score edit (Score.history with provenance), the log is replaced",
        "atomically and the original kept as LOG.orig. Prints the URL first; Ctrl-C stops."})
final class ReviewCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "The .eval log to review.")
    Path log;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7576", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(names = "--author", paramLabel = "NAME", description = "Who signs the edits (default: the user name).")
    String author = System.getProperty("user.name", "reviewer");

    @Option(names = "--all-covert", description = "Queue every covert sample too, not only flagged ones.")
    boolean allCovert;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(log)) throw new UserError(log + ": no such log file");
        var out = spec.commandLine().getOut();
        boolean interrupted = false;
        try (var server = ReviewServer.start(log, port, author, allCovert)) {
            var stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            out.println(server.url());
            out.println("Reviewing " + log + " as " + author + "; Ctrl-C stops.");
            out.flush();
            try {
                stop.await();
            } catch (InterruptedException e) {
                interrupted = true; // interrupting the command (tests) is the orderly way to stop it
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // already shutting down
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return 0;
    }
}
