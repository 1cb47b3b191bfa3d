package covert.agent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps in the ISO-8601-with-offset form Inspect parses with {@code datetime.fromisoformat}. */
public final class Clock {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private Clock() {}

    public static String now() {
        return ISO.format(OffsetDateTime.now(ZoneOffset.UTC));
    }
}
