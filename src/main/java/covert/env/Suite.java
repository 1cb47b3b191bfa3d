package covert.env;

import covert.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A named set of environments: a built-in one from the classpath, or a directory of YAML specs. A built-in
 * suite reads the specs under {@code /suites/<dir>} and may offer one side of their train/validation split.
 */
public record Suite(String name, List<Environment> environments) {
    /** Where a built-in suite's specs live and which of their variants it offers. */
    private record BuiltIn(String dir, Environment.Split split) {}

    private static final Map<String, BuiltIn> BUILT_INS = new java.util.LinkedHashMap<>();

    static {
        BUILT_INS.put("covert", new BuiltIn("covert", Environment.Split.ALL));
        BUILT_INS.put("hidden-goal", new BuiltIn("hidden-goal", Environment.Split.ALL));
        // Training environments (disjoint from the covert suite); the validation split is drawn from the same families.
        BUILT_INS.put("train", new BuiltIn("train", Environment.Split.TRAIN));
        BUILT_INS.put("validation", new BuiltIn("train", Environment.Split.VALIDATION));
    }

    public static final List<String> BUILT_IN = List.copyOf(BUILT_INS.keySet());

    public Suite {
        environments = List.copyOf(environments);
    }

    public Optional<Environment> environment(String id) {
        return environments.stream().filter(e -> e.spec().id().equals(id)).findFirst();
    }

    /** Loads {@code nameOrDir}: an existing directory wins over a built-in name. */
    public static Suite load(String nameOrDir) {
        Path dir = Path.of(nameOrDir);
        if (Files.isDirectory(dir)) return fromDirectory(nameOrDir, dir);
        if (BUILT_IN.contains(nameOrDir)) return builtIn(nameOrDir);
        throw new UserError("suite '" + nameOrDir + "' is neither a built-in suite (" + String.join(", ", BUILT_IN)
                + ") nor a directory");
    }

    private static Suite fromDirectory(String name, Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UserError("cannot read suite directory " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) throw new UserError("suite directory " + dir + " has no .yaml environment specs");
        var specs = new ArrayList<EnvironmentSpec>();
        for (Path f : files) {
            specs.add(SpecLoader.parse(f.toString(), covert.log.TextFiles.read(f, covert.log.TextFiles.MAX_SPEC)));
        }
        return of(Path.of(name).getFileName().toString(), specs);
    }

    private static Suite builtIn(String name) {
        var b = BUILT_INS.get(name);
        var url = Suite.class.getResource("/suites/" + b.dir());
        if (url == null) throw new IllegalStateException("built-in suite resources missing: " + b.dir());
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                java.nio.file.FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return fromResources(name, fs.getPath("/suites/" + b.dir()), b.split());
            }
            return fromResources(name, Path.of(uri), b.split());
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot open built-in suite " + name, e));
        }
    }

    private static Suite fromResources(String name, Path dir, Environment.Split split) throws IOException {
        var specs = new ArrayList<EnvironmentSpec>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                specs.add(SpecLoader.parse(dir.getFileName() + "/" + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return of(name, specs, split);
    }

    static Suite of(String name, List<EnvironmentSpec> specs) {
        return of(name, specs, Environment.Split.ALL);
    }

    private static Suite of(String name, List<EnvironmentSpec> specs, Environment.Split split) {
        var seen = new HashMap<String, String>();
        for (var s : specs) {
            if (seen.put(s.id(), s.family()) != null) throw new UserError("suite '" + name + "' has two environments with id '" + s.id() + "'");
        }
        var envs = specs.stream().map(s -> new Environment(s, split)).filter(e -> !e.variants().isEmpty()).toList();
        return new Suite(name, envs);
    }

    /** Restricts the suite to the given environment ids, failing on any unknown id. */
    public Suite only(List<String> ids) {
        if (ids == null || ids.isEmpty()) return this;
        for (String id : ids) {
            if (environment(id).isEmpty()) {
                throw new UserError("no environment '" + id + "' in suite '" + name + "' (have: "
                        + String.join(", ", environments.stream().map(e -> e.spec().id()).toList()) + ")");
            }
        }
        return new Suite(name, environments.stream().filter(e -> ids.contains(e.spec().id())).toList());
    }
}
