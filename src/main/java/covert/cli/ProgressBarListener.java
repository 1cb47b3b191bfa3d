package covert.cli;

import covert.score.Outcome;
import covert.run.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows samples done, covert so far and elapsed time on stderr while a run proceeds. */
final class ProgressBarListener implements Progress {
    private final String task;
    private final PrintWriter err;
    private final boolean bar;
    private final AtomicInteger covert = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private ProgressBar pb;
    private int total;
    private long startNanos;

    ProgressBarListener(String task, PrintWriter err, boolean bar) {
        this.task = task;
        this.err = err;
        this.bar = bar;
    }

    @Override
    public void logging(Path log, Path journal) {
        err.println("Log: " + log + "  (resume a killed run with: covert run --resume " + journal + ")");
    }

    @Override
    public void started(int total, int alreadyDone, int covertSoFar) {
        this.total = total;
        covert.set(covertSoFar);
        done.set(alreadyDone);
        startNanos = System.nanoTime();
        if (!bar) return;
        pb = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200).setMaxRenderedLength(100).hideEta()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        pb.stepTo(alreadyDone);
        pb.setExtraMessage("covert " + covertSoFar);
    }

    @Override
    public void sampleDone(Outcome.Kind outcome) {
        int c = outcome == Outcome.Kind.COVERT ? covert.incrementAndGet() : covert.get();
        done.incrementAndGet();
        if (pb != null) {
            pb.step();
            pb.setExtraMessage("covert " + c);
        }
    }

    @Override
    public void finished() {
        if (pb != null) pb.close();
        err.printf("%s: %d/%d samples, %d covert, %.1fs%n", task, done.get(), total, covert.get(), (System.nanoTime() - startNanos) / 1e9);
    }
}
