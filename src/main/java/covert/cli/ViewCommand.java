package covert.cli;

import covert.UserError;
import covert.view.LogViewSource;
import covert.view.DeferredViewSource;
import covert.view.StoreViewSource;
import covert.view.ViewSource;
import covert.view.ViewServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "view", mixinStandardHelpOptions = true,
        description = "Browse logs in a local web viewer: runs, environments, samples and transcripts with evidence and awareness highlighted. "
                + "Prints the URL first; Ctrl-C stops it.")
final class ViewCommand implements Callable<Integer> {
    static final Path DEFAULT_LOG_DIR = Path.of("logs");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "LOG", description = "Eval logs (.eval or .json), directories of them (default: logs/), or one results store (.duckdb).")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ViewServer.DEFAULT_PORT,
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = ViewServer.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only). Logs hold whole transcripts: bind wider only on a trusted network.")
    String host;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
        var files = expand(logs.isEmpty() ? List.of(DEFAULT_LOG_DIR) : logs, logs.isEmpty());
        var out = spec.commandLine().getOut();
        boolean interrupted = false;
        for (Path f : files) if (!Files.exists(f)) throw new UserError(f + ": no such log file");
        // Index the logs while the server starts; the URL is printed only once both are ready.
        var source = new DeferredViewSource(java.util.concurrent.CompletableFuture.supplyAsync(() -> source(files),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        long t0 = System.nanoTime();
        try (source; var server = ViewServer.start(source, host, port)) {
            long t1 = System.nanoTime();
            source.get();
            if (System.getenv("COVERT_DEBUG") != null) {
                spec.commandLine().getErr().printf("server %.2fs, index %.2fs (since JVM start %.2fs)%n", (t1 - t0) / 1e9, (System.nanoTime() - t0) / 1e9,
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
            }
            var stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            out.println(server.url());
            out.println("Serving " + source.runs().size() + " run(s) from " + files.size() + " log(s); Ctrl-C stops.");
            out.flush();
            if (!ViewServer.isLoopback(host)) {
                spec.commandLine().getErr().println("covert: warning: serving whole transcripts to every machine that can reach " + host + ":" + server.port());
            }
            try {
                stop.await();
            } catch (InterruptedException e) {
                // Interrupting the command (tests, an embedding caller) is the orderly way to stop it.
                interrupted = true;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Already in shutdown: the JVM ends the server with everything else.
                }
            }
        }
        // Restored only now, so that stopping the server is not cut short by the pending interrupt.
        if (interrupted) Thread.currentThread().interrupt();
        return 0;
    }

    /**
     * A results store is served from DuckDB; {@code .eval} logs are indexed into an in-memory DuckDB from
     * their summaries, so large logs open at once and transcripts load on demand; JSON logs are read whole.
     */
    static ViewSource source(List<Path> files) {
        for (Path f : files) if (!Files.exists(f)) throw new UserError(f + ": no such log file");
        if (files.size() == 1 && files.get(0).toString().endsWith(".duckdb")) return StoreViewSource.ofDb(files.get(0));
        if (files.stream().allMatch(f -> f.toString().endsWith(".eval"))) return StoreViewSource.ofEvalLogs(files);
        return LogViewSource.open(files);
    }

    /** Files stay as given (a missing one is reported by name); a directory stands for the .eval and .json logs directly in it. */
    static List<Path> expand(List<Path> given, boolean defaulted) {
        var out = new ArrayList<Path>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                if (defaulted) throw new UserError("no LOG given and no " + p + "/ directory here; name the log files to view");
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> (f.getFileName().toString().endsWith(".json") || f.getFileName().toString().endsWith(".eval")) && Files.isRegularFile(f)).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UserError(p + ": cannot list the directory: " + e.getMessage());
            }
        }
        if (out.isEmpty()) throw new UserError("no .eval or .json logs in " + given.get(0) + (given.size() > 1 ? " and the other directories" : ""));
        return out;
    }
}
