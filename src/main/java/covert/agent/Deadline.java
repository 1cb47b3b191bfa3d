package covert.agent;

import covert.model.middleware.UsageLedger;
import java.time.Duration;

/**
 * A sample's time limit as a real deadline: a model call, a retry backoff or a blocking tool still running when it
 * passes is interrupted (socket reads on virtual threads end on interrupt), and the retry layer will not start a wait
 * that would outlast it. Without this, {@code --time-limit} was only checked between turns.
 */
final class Deadline implements AutoCloseable {
    private final Thread sample = Thread.currentThread();
    private final long at;
    private final Thread timer;
    private volatile boolean fired;

    private Deadline(Duration limit) {
        this.at = System.nanoTime() + limit.toNanos();
        UsageLedger.deadline(at);
        this.timer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(limit);
                fired = true;
                sample.interrupt();
            } catch (InterruptedException e) {
                // closed before the deadline
            }
        });
    }

    static Deadline start(Duration limit) {
        return new Deadline(limit);
    }

    boolean passed() {
        return fired || System.nanoTime() - at >= 0;
    }

    @Override
    public void close() {
        timer.interrupt();
        try {
            timer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The sample's own thread goes on to score and journal the sample: a stale interrupt would break those writes.
        if (fired) Thread.interrupted();
        UsageLedger.deadline(Long.MAX_VALUE);
    }
}
