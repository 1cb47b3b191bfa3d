package covert.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A Debian bookworm minbase root file system with the packages agents reach for. It is built once per
 * package list with debootstrap and cached under {@code $XDG_CACHE_HOME/covert/rootfs/<hash>}; the hash
 * covers the suite, variant and the sorted package list, so an environment that asks for more packages
 * gets its own build and an unchanged list is never rebuilt.
 */
public record Rootfs(Path dir, List<String> packages) {
    static final String SUITE = "bookworm";
    static final String MIRROR = "http://deb.debian.org/debian";
    private static final String COMPLETE = ".complete";

    /** The base list shipped in the jar plus {@code extra}, sorted and without duplicates. */
    public static Rootfs forPackages(List<String> extra) {
        var all = new TreeSet<>(basePackages());
        extra.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(all::add);
        var list = List.copyOf(all);
        return new Rootfs(cacheBase().resolve(key(list)), list);
    }

    public static Rootfs base() {
        return forPackages(List.of());
    }

    static List<String> basePackages() {
        try (InputStream in = Rootfs.class.getResourceAsStream("/sandbox/packages.txt")) {
            if (in == null) throw new IllegalStateException("sandbox/packages.txt is missing from the jar");
            var out = new ArrayList<String>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String p = line.replaceAll("#.*", "").strip();
                if (!p.isEmpty()) out.add(p);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(List<String> packages) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update((SUITE + " minbase\n" + String.join("\n", packages)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path cacheBase() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("covert").resolve("rootfs");
    }

    public boolean ready() {
        return Files.isRegularFile(dir.resolve(COMPLETE));
    }

    /** The one line that tells a user how to get this root file system. */
    public String howToBuild() {
        return "the sandbox's root file system is not built yet; build it once with: covert sandbox build"
                + (packages.equals(List.copyOf(new TreeSet<>(basePackages()))) ? "" : " --env <id>") + " (about 2 minutes, 400 MB)";
    }

    /**
     * Builds into a temporary directory beside the cache entry and renames it into place, so a build that is
     * interrupted or fails never leaves a half-made root file system that looks ready. Progress lines go to {@code err}.
     */
    public void build(PrintWriter err) throws IOException, InterruptedException {
        if (ready()) return;
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".building-");
        try {
            debootstrap(tmp, err);
            Customize.apply(tmp);
            // the temporary directory was made private; as the machine's "/" it must look like any root directory
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(tmp.resolve(COMPLETE), String.join("\n", packages) + "\n");
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
                if (!ready()) throw e;  // another build won the race: theirs is as good as ours
            }
        } finally {
            if (Files.exists(tmp)) Host.removeTree(tmp);
        }
        err.println("covert: root file system ready in " + dir);
        err.flush();
    }

    private void debootstrap(Path target, PrintWriter err) throws IOException, InterruptedException {
        if (Host.which("debootstrap") == null) {
            throw new IOException("debootstrap is not installed (apt-get install debootstrap)");
        }
        var cmd = List.of("debootstrap", "--variant=minbase", "--include=" + String.join(",", packages), SUITE, target.toString(), MIRROR);
        err.println("covert: building the sandbox root file system (Debian " + SUITE + ", " + packages.size() + " packages) in " + dir);
        err.flush();
        var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        var tail = new ArrayList<String>();
        int steps = 0;
        try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                tail.add(line);
                if (tail.size() > 20) tail.remove(0);
                if (line.startsWith("I: ")) {
                    steps++;
                    if (steps % 25 == 0 || line.startsWith("I: Base system installed")) {
                        err.println("covert: [" + steps + " steps] " + line.substring(3));
                        err.flush();
                    }
                }
            }
        }
        if (p.waitFor() != 0) throw new IOException("debootstrap failed:\n" + String.join("\n", tail));
    }
}
