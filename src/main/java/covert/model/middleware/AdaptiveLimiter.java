package covert.model.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * AIMD concurrency limit for one provider account, like Inspect's adaptive connections. It starts at
 * {@link #INITIAL} and doubles after every clean round (a round is as many completed requests as the limit) until
 * the first 429; after that a clean round adds 5% (at least one). A 429 episode cuts the limit to 80%: one cut per
 * episode, because requests admitted under the old limit keep answering 429 for a while and must not cut again.
 * Never above {@code max} ({@code --max-connections}), never below 1.
 *
 * <p>Waiting uses a {@link ReentrantLock} condition, which parks a virtual thread without pinning its carrier.
 */
public final class AdaptiveLimiter {
    public static final int INITIAL = 20;

    /** Inspect's {@code ConnectionLimitChange}; {@code timestamp} is epoch seconds. */
    public record Change(double timestamp, String model, int oldLimit, int newLimit, String reason) {}

    /** What a finished request tells the limiter. */
    public enum Signal { OK, RATE_LIMITED, OTHER_ERROR }

    /** A slot held by one request; {@code round} tells whether a 429 belongs to the current episode. */
    public record Permit(long episode) {}

    private final String name;
    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition free = lock.newCondition();
    private final List<Change> history = new ArrayList<>();
    private int limit;
    private int inFlight;
    private int cleanInRound;
    private long episode;
    private boolean slowStart = true;

    public AdaptiveLimiter(String name, int max) {
        if (max < 1) throw new IllegalArgumentException("max connections must be at least 1");
        this.name = name;
        this.max = max;
        this.limit = Math.min(INITIAL, max);
    }

    public Permit acquire() throws InterruptedException {
        lock.lock();
        try {
            while (inFlight >= limit) free.await();
            inFlight++;
            return new Permit(episode);
        } finally {
            lock.unlock();
        }
    }

    public void release(Permit permit, Signal signal) {
        lock.lock();
        try {
            inFlight--;
            switch (signal) {
                case RATE_LIMITED -> {
                    if (permit.episode() == episode) {
                        change(Math.max(1, (int) Math.floor(limit * 0.8)), "rate_limit");
                        slowStart = false;
                        episode++;
                    }
                    cleanInRound = 0;
                }
                case OK -> {
                    // Only requests admitted since the last cut count towards a clean round.
                    if (permit.episode() == episode && ++cleanInRound >= limit) {
                        cleanInRound = 0;
                        if (limit < max) {
                            change(slowStart ? Math.min(max, limit * 2) : Math.min(max, limit + Math.max(1, limit / 20)),
                                    slowStart ? "slow_start" : "steady_state_up");
                        }
                    }
                }
                case OTHER_ERROR -> { }
            }
            free.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void change(int to, String reason) {
        if (to == limit) return;
        history.add(new Change(System.currentTimeMillis() / 1000.0, name, limit, to, reason));
        limit = to;
    }

    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    public List<Change> history() {
        lock.lock();
        try {
            return List.copyOf(history);
        } finally {
            lock.unlock();
        }
    }
}
