package covert.run;

import covert.log.EvalLog;
import java.security.SecureRandom;

/** Run and task ids in Inspect's style, and the git revision the launcher passes in. */
final class Ids {
    static final String VERSION = "0.1.0";
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String random() {
        var sb = new StringBuilder();
        for (int i = 0; i < 22; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    /** From {@code COVERT_GIT_COMMIT}/{@code COVERT_GIT_ORIGIN}, which the {@code ./covert} launcher sets. */
    static EvalLog.Revision revision() {
        String commit = System.getenv("COVERT_GIT_COMMIT");
        if (commit == null || commit.isBlank()) return null;
        String origin = publicOrigin(System.getenv().getOrDefault("COVERT_GIT_ORIGIN", ""));
        return new EvalLog.Revision("git", origin, commit.strip(), "1".equals(System.getenv("COVERT_GIT_DIRTY")));
    }

    /**
     * The origin as others can use it: a remote URL without credentials. A local path (a clone of a clone) names
     * nothing outside this machine and may name a user's home, so it is left out (Inspect requires the field: empty).
     */
    static String publicOrigin(String origin) {
        String o = origin == null ? "" : origin.strip();
        if (o.isEmpty() || o.startsWith("/") || o.startsWith(".") || o.startsWith("~") || o.startsWith("file:") || o.matches("(?i)[a-z]:[\\\\/].*")) return "";
        return o.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^@/]+@", "$1");
    }
}
