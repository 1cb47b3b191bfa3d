package covert.sandbox;

import java.util.List;

/**
 * What an environment asks of its machine, from its YAML {@code sandbox:} block. Everything is optional.
 *
 * @param workdir  where the World's files appear and commands start; defaults to {@value #DEFAULT_WORKDIR}
 * @param packages Debian packages on top of the base list; they become part of the root file system's key
 * @param now      the scenario's "current time" (ISO-8601 date or date-time) that file times are taken from
 * @param git      history for the workspace: null for none, otherwise commits to replay (see {@link GitHistory})
 */
public record SandboxSpec(String workdir, List<String> packages, String now, GitHistory git) {
    public static final String DEFAULT_WORKDIR = "/workspace";
    public static final SandboxSpec DEFAULT = new SandboxSpec(null, null, null, null);

    public SandboxSpec {
        workdir = workdir == null || workdir.isBlank() ? DEFAULT_WORKDIR : workdir.replaceAll("/+$", "");
        if (!workdir.startsWith("/") || workdir.contains("..")) throw new IllegalArgumentException("sandbox.workdir must be an absolute path: " + workdir);
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
