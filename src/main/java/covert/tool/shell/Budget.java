package covert.tool.shell;

import java.time.Duration;

/**
 * The bounds of one shell call: a deadline and the largest stream one command may produce. Loops and regex
 * scans tick it; running out stops the command with a message the model sees, never a hang or an OOM. An
 * interrupt (the sample's own deadline) stops it the same way.
 */
final class Budget {
    static final Duration TIME = Duration.ofSeconds(10);
    /** Largest stdout of one command, in characters; a stream is never larger than the biggest file it may fill. */
    static final int MAX_STREAM = covert.world.FileSystem.MAX_FILE;

    private final long deadline;
    private final Duration time;
    private long steps;

    /** Why a command was stopped; the message is the shell's diagnostic without the command name. */
    static final class Stop extends RuntimeException {
        final int status;

        Stop(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    Budget(Duration time) {
        this.time = time;
        this.deadline = System.nanoTime() + time.toNanos();
    }

    /** One unit of work; the clock is read every 1024 units so ticking stays cheap. */
    void tick() {
        if ((++steps & 1023) != 0) return;
        if (Thread.currentThread().isInterrupted()) throw new Stop("interrupted", 130);
        if (System.nanoTime() - deadline > 0) throw new Stop("timed out after " + time.toSeconds() + " s", 124);
    }

    /** Appends to a command's output, refusing to grow it past {@link #MAX_STREAM}. */
    StringBuilder append(StringBuilder out, CharSequence text) {
        tick();
        if ((long) out.length() + text.length() > MAX_STREAM) throw new Stop("write error: File too large", 1);
        return out.append(text);
    }

    /** A view of a line whose every character read ticks the budget, so a regex scan honours the deadline. */
    CharSequence watch(CharSequence s) {
        return new CharSequence() {
            @Override
            public int length() {
                return s.length();
            }

            @Override
            public char charAt(int index) {
                tick();
                return s.charAt(index);
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return s.subSequence(start, end);
            }

            @Override
            public String toString() {
                return s.toString();
            }
        };
    }
}
