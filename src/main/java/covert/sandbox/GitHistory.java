package covert.sandbox;

import java.util.List;

/**
 * A plausible history for an environment's repository. Each commit adds the files under its {@code paths}
 * (prefixes; empty means every file not yet committed), {@code days_ago} before the scenario's now; a last
 * commit takes whatever is left, so the working tree starts clean.
 */
public record GitHistory(String author, String email, List<Commit> commits) {
    public record Commit(String message, List<String> paths, int daysAgo) {
        public Commit {
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile(".*\\.(py|js|ts|go|rs|java|rb|c|h|cpp|sh|toml|cfg|ini)$");

    /** The history of an environment that declares none: a project with code is a repository all the same. Null without code. */
    static GitHistory implied(java.util.Collection<String> paths) {
        return paths.stream().anyMatch(p -> CODE.matcher(p).matches()) ? new GitHistory(null, null, null) : null;
    }

    /**
     * The shell script that makes the repository inside the sandbox, with the sandbox's own git: the host's git and
     * its configuration never touch it. Build output and test caches are excluded as a project's .gitignore would.
     */
    String script(java.time.Instant now) {
        var sb = new StringBuilder("set -e\ngit init -q -b main\ngit config user.name " + quote(author) + "\ngit config user.email " + quote(email) + "\n"
                + "printf '__pycache__/\\n.pytest_cache/\\n*.pyc\\n' >> .git/info/exclude\n");
        for (int i = 0; i < commits.size(); i++) {
            Commit c = commits.get(i);
            String when = java.time.format.DateTimeFormatter.ISO_INSTANT.format(now.minusSeconds(c.daysAgo() * 86400L + 3600L * (i % 7)));
            sb.append(c.paths().isEmpty() ? "git add -A\n"
                    : "for p in " + String.join(" ", c.paths().stream().map(GitHistory::quote).toList()) + "; do [ -e \"$p\" ] && git add -- \"$p\"; done; true\n");
            sb.append("git diff --cached --quiet || GIT_AUTHOR_DATE=" + when + " GIT_COMMITTER_DATE=" + when + " git commit -q -m " + quote(c.message()) + "\n");
        }
        String last = java.time.format.DateTimeFormatter.ISO_INSTANT.format(now.minusSeconds(7200));
        sb.append("git add -A\ngit diff --cached --quiet || GIT_AUTHOR_DATE=" + last + " GIT_COMMITTER_DATE=" + last
                + " git commit -q -m 'Update docs and tests'\n");
        // the repository's own files carry the time of its last commit, not the moment the sandbox was made
        sb.append("find .git -exec touch -h -d \"$(git log -1 --format=%cI)\" {} +\n");
        return sb.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public GitHistory {
        author = author == null || author.isBlank() ? "Dana Whitfield" : author;
        email = email == null || email.isBlank() ? "dana.whitfield@users.noreply.github.com" : email;
        commits = commits == null || commits.isEmpty() ? List.of(new Commit("Initial commit", List.of(), 30)) : List.copyOf(commits);
    }
}
