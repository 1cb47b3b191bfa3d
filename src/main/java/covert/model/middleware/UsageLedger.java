package covert.model.middleware;

import covert.model.Usage;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usage of one sample by model and by role (target, grader, auditor), the two maps Inspect logs per sample. The runner
 * opens one per sample on the sample's own virtual thread; {@link Metered} records every generation into the open
 * one, so a grader called by a scorer is counted with the sample it graded.
 */
public final class UsageLedger implements AutoCloseable {
    private static final ThreadLocal<UsageLedger> CURRENT = new ThreadLocal<>();

    private final Map<String, Usage> byModel = new ConcurrentHashMap<>();
    private final Map<String, Usage> byRole = new ConcurrentHashMap<>();
    private final java.util.List<Retry> retries = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * One failed attempt of a model call: the HTTP status (0 for timeouts, resets, unreadable bodies), the wait before
     * the next attempt, and whether one was made ({@code false}: the wait asked for was over the cap).
     */
    public record Retry(String model, int attempt, int status, long waitMillis, String error, boolean retried) {}
    private final UsageLedger outer;

    private UsageLedger(UsageLedger outer) {
        this.outer = outer;
    }

    public static UsageLedger open() {
        var ledger = new UsageLedger(CURRENT.get());
        CURRENT.set(ledger);
        return ledger;
    }

    static void record(String role, String model, Usage usage) {
        UsageLedger ledger = CURRENT.get();
        if (ledger == null) return;
        ledger.byModel.merge(model, usage, Usage::plus);
        ledger.byRole.merge(role, usage, Usage::plus);
    }

    /** The open sample's deadline as a {@link System#nanoTime()} value ({@code Long.MAX_VALUE}: none). */
    private volatile long deadline = Long.MAX_VALUE;

    public static void deadline(long nanoTime) {
        UsageLedger ledger = CURRENT.get();
        if (ledger != null) ledger.deadline = nanoTime;
    }

    /** Time left before this thread's sample deadline, or null when there is none. */
    static java.time.Duration remaining() {
        UsageLedger ledger = CURRENT.get();
        if (ledger == null || ledger.deadline == Long.MAX_VALUE) return null;
        return java.time.Duration.ofNanos(Math.max(0, ledger.deadline - System.nanoTime()));
    }

    /** Nanoseconds this sample spent waiting, not working: retry backoff and queueing for a connection slot. */
    private final java.util.concurrent.atomic.AtomicLong waited = new java.util.concurrent.atomic.AtomicLong();

    static void waited(long nanos) {
        UsageLedger ledger = CURRENT.get();
        if (ledger != null && nanos > 0) ledger.waited.addAndGet(nanos);
    }

    /**
     * Seconds the open sample has waited so far (0 without a ledger): what Inspect leaves out of a sample's
     * {@code working_time} but keeps in its {@code total_time}.
     */
    public static double waitedSeconds() {
        UsageLedger ledger = CURRENT.get();
        return ledger == null ? 0 : ledger.waited.get() / 1e9;
    }

    static void retried(Retry r) {
        UsageLedger ledger = CURRENT.get();
        if (ledger != null) ledger.retries.add(r);
    }

    /** The failed attempts recorded on this thread's open ledger from index {@code from} on (none without a ledger). */
    public static java.util.List<Retry> retriesSince(int from) {
        UsageLedger ledger = CURRENT.get();
        if (ledger == null || ledger.retries.size() <= from) return java.util.List.of();
        return java.util.List.copyOf(ledger.retries.subList(from, ledger.retries.size()));
    }

    /** The failed attempts of this sample's model calls, in order. */
    public java.util.List<Retry> retries() {
        return java.util.List.copyOf(retries);
    }

    public Map<String, Usage> byModel() {
        return new TreeMap<>(byModel);
    }

    public Map<String, Usage> byRole() {
        return new TreeMap<>(byRole);
    }

    @Override
    public void close() {
        if (outer == null) CURRENT.remove();
        else CURRENT.set(outer);
    }
}
