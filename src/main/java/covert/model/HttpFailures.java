package covert.model;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * Turns a provider SDK's failure into a {@link ModelException}, the same way for every SDK: 408, 409, 429 and 5xx
 * (529 "overloaded" included) are retryable, other statuses are not; I/O failures (timeouts, resets, bodies cut
 * short) are retryable. Messages carry the provider's own error text, which never contains the request's API key.
 */
public final class HttpFailures {
    private HttpFailures() {}

    public static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** @param header a case-insensitive header lookup returning null when absent */
    public static ModelException status(String provider, int status, Function<String, String> header, String detail, Throwable cause) {
        String hint = switch (status) {
            case 401 -> " (check the API key)";
            case 403 -> " (the key lacks access to this model)";
            case 404 -> " (check the model name and base URL)";
            default -> "";
        };
        return new ModelException(provider + " returned HTTP " + status + hint + ": " + shorten(detail), cause, retryableStatus(status), status,
                retryAfter(header));
    }

    /** A request cut off by its own time limit ({@code -M timeout}); retryable, since a busy server may answer in time later. */
    public static ModelException timeout(String provider, long seconds, Throwable cause) {
        return new ModelException(provider + " request timed out after " + seconds + " s (raise it with -M timeout=SECONDS)", cause, true, 0, null);
    }

    public static ModelException io(String provider, Throwable cause) {
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.io.InterruptedIOException && "timeout".equals(t.getMessage())) {
                return new ModelException(provider + " request timed out (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")", cause, true, 0, null);
            }
        }
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root == cause ? "" : " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        return new ModelException(provider + " request failed: " + shorten(what) + why, cause, true, 0, null);
    }

    /**
     * A response that arrived but cannot be read. A cut-off or garbled body is transient, worth one more try; a
     * well-formed body that lacks a field the SDK requires (the SDKs say "`field` is not set" or "`field` is invalid")
     * comes back the same every time, so it fails at once, naming the field.
     */
    public static ModelException unreadable(String provider, Throwable cause) {
        String msg = String.valueOf(cause.getMessage());
        var field = SCHEMA.matcher(msg);
        if (field.find()) {
            return new ModelException(provider + " sent a response the SDK cannot read: field '" + field.group(1) + "' is "
                    + (field.group(2).equals("not set") ? "missing" : "invalid") + " (the server is not fully compatible; "
                    + "check that it implements this API)", cause, false, 0, null);
        }
        return new ModelException(provider + " sent an unreadable response: " + shorten(msg), cause, true, 0, null);
    }

    private static final java.util.regex.Pattern SCHEMA = java.util.regex.Pattern.compile("`([A-Za-z0-9_.]+)` (is not set|is invalid)");

    /** {@code retry-after-ms} (OpenAI, Anthropic) or {@code Retry-After} in seconds or as an HTTP date. */
    static Duration retryAfter(Function<String, String> header) {
        try {
            String ms = header.apply("retry-after-ms");
            if (ms != null) return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            String v = header.apply("retry-after");
            if (v == null) return null;
            v = v.trim();
            if (v.chars().allMatch(c -> Character.isDigit(c) || c == '.')) return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
            var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String shorten(String s) {
        if (s == null) return "";
        s = Redaction.apply(s);
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
