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

    public GitHistory {
        author = author == null || author.isBlank() ? "Dana Whitfield" : author;
        email = email == null || email.isBlank() ? "dana@example.com" : email;
        commits = commits == null || commits.isEmpty() ? List.of(new Commit("Initial commit", List.of(), 30)) : List.copyOf(commits);
    }
}
