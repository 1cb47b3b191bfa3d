package covert.sandbox;

import covert.world.FileSystem;
import covert.world.World;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The host side of a session: a private directory whose {@code ws/} is bound at the workdir, {@code tmp/} at
 * {@code /tmp} and {@code home/} at {@code /root}. It keeps the World and {@code ws/} in step: {@link #push}
 * before a command writes what other tools changed in the World, {@link #pull} after it brings the command's
 * changes into the World and records which files it read.
 *
 * <p>Reads are seen through access times: every file's atime is kept just before its mtime, so under the
 * host's default {@code relatime} any read moves it (and under {@code strictatime} too). Nothing here follows a
 * symbolic link, so a link the agent planted cannot make the harness read or write outside the workspace.
 */
final class Workspace implements AutoCloseable {
    /** Directories whose content is tool noise or the repository's own store, not state of the scenario. */
    private static final Set<String> NOT_STATE = Set.of(".git", "__pycache__", ".pytest_cache");
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    /** Larger files stay on the machine; the World (and so the log) holds only their size. */
    static final long MAX_WORLD_FILE = 4L << 20;

    final Path root;
    final Path ws;
    final Path tmp;
    final Path home;
    final Path etc;
    private final Instant now;
    private final Map<String, String> synced = new HashMap<>();
    private final Set<String> syncedDirs = new HashSet<>();
    private final Map<String, FileTime> accessMark = new HashMap<>();
    /** What each file looked like when last synced, so unchanged files are not read again (which would also move their atime). */
    private final Map<String, Stamp> stamps = new HashMap<>();

    private record Stamp(FileTime mtime, long size, Object inode) {}

    private Workspace(Path root, Instant now) throws IOException {
        this.root = root;
        this.ws = Files.createDirectory(root.resolve("ws"));
        this.tmp = Files.createDirectory(root.resolve("tmp"));
        this.home = Files.createDirectory(root.resolve("home"));
        this.etc = Files.createDirectory(root.resolve("etc"));
        this.now = now;
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(ws, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static Workspace create(World world, SandboxSpec spec) throws IOException {
        Path root = Files.createTempDirectory("covert-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        var w = new Workspace(root, scenarioNow(spec));
        w.push(world);
        w.dateDirs();
        return w;
    }

    /** The scenario's "now", but never in the host's future: files from the future make make(1) and tar complain. */
    static Instant scenarioNow(SandboxSpec spec) {
        // Without a scenario time, the end of yesterday (UTC): the same all day, so fresh sandboxes of one World agree.
        Instant host = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minusSeconds(3 * 3600);
        if (spec.now() == null) return host;
        String n = spec.now().strip();
        Instant t = n.length() == 10 ? Instant.parse(n + "T09:00:00Z") : Instant.parse(n.endsWith("Z") ? n : n + "Z");
        return t.isBefore(host) ? t : host;
    }

    /** Writes into {@code ws/} what the World holds and the workspace does not (yet) show. */
    void push(World world) throws IOException {
        FileSystem fs = world.files();
        for (String d : fs.dirs()) {
            if (syncedDirs.add(d)) safeDir(d);
        }
        var live = new HashSet<String>();
        for (String key : fs.walk("")) {
            live.add(key);
            String content = fs.peek(key).orElse("");
            if (content.equals(synced.get(key))) continue;
            Path p = safeDir(parentOf(key)).resolve(leafOf(key));
            if (Files.isSymbolicLink(p) || Files.isDirectory(p, NOFOLLOW)) Host.removeTree(p);
            Files.write(p, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, NOFOLLOW);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(content.startsWith("#!") ? "rwxr-xr-x" : "rw-r--r--"));
            FileTime m = FileTime.from(now.minusSeconds(plausibleAge(key)));
            mark(p, key, m);
            synced.put(key, content);
        }
        for (String gone : new ArrayList<>(synced.keySet())) {
            if (!live.contains(gone)) {
                if (inside(ws.resolve(gone))) Files.deleteIfExists(ws.resolve(gone));
                synced.remove(gone);
                accessMark.remove(gone);
            }
        }
    }

    /**
     * Brings the workspace's state into the World after a command: new and changed files are written, missing
     * ones deleted, directories mirrored, and files whose access time moved are recorded as read.
     */
    void pull(World world) throws IOException {
        FileSystem fs = world.files();
        var seen = new TreeMap<String, Path>();
        var dirs = new TreeSet<String>();
        scan(seen, dirs, true);
        for (var e : seen.entrySet()) {
            String key = e.getKey();
            Path p = e.getValue();
            var attrs = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
            FileTime mark = accessMark.get(key);
            boolean touched = mark == null || !attrs.lastAccessTime().equals(mark);
            if (touched && synced.containsKey(key)) fs.read(key);
            var stamp = new Stamp(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey());
            if (!stamp.equals(stamps.get(key)) || !synced.containsKey(key)) {
                String content = attrs.size() > MAX_WORLD_FILE ? "[" + attrs.size() + " bytes]" : decode(Files.readAllBytes(p)).text();
                if (!content.equals(synced.get(key))) {
                    fs.write(key, content);
                    synced.put(key, content);
                }
                touched = true;  // our own read moved the access time: put it back
            }
            if (touched) mark(p, key, attrs.lastModifiedTime());
            stamps.put(key, stamp);
        }
        for (String gone : new ArrayList<>(synced.keySet())) {
            if (!seen.containsKey(gone)) {
                fs.delete(gone);
                synced.remove(gone);
                accessMark.remove(gone);
                stamps.remove(gone);
            }
        }
        for (String d : dirs) if (!fs.isDir(d)) fs.mkdir(d);
        syncedDirs.addAll(dirs);
        for (String d : fs.dirs()) {
            if (!dirs.contains(d) && fs.walk(d).isEmpty()) {
                fs.removeDir(d);
                syncedDirs.remove(d);
            }
        }
    }

    Instant now() {
        return now;
    }

    /** Resets every file's access mark and drops the reads the World recorded so far (for harness-side setup commands). */
    void forgetReads(World world) throws IOException {
        for (String key : new ArrayList<>(synced.keySet())) {
            Path p = ws.resolve(key);
            if (Files.isRegularFile(p, NOFOLLOW)) mark(p, key, Files.getLastModifiedTime(p, NOFOLLOW));
        }
        world.files().forgetReads();
    }

    /** Text and binary files of the workspace as they are now (everything but the repository store), for {@code sandbox exec}. */
    Map<String, Decoded> files() throws IOException {
        var seen = new TreeMap<String, Path>();
        scan(seen, new TreeSet<>(), false);
        var out = new LinkedHashMap<String, Decoded>();
        for (var e : seen.entrySet()) out.put(e.getKey(), decode(Files.readAllBytes(e.getValue())));
        return out;
    }

    List<String> dirs() throws IOException {
        var dirs = new TreeSet<String>();
        scan(new TreeMap<>(), dirs, false);
        return List.copyOf(dirs);
    }

    /** A file's content: text when it is valid UTF-8, otherwise the bytes. */
    record Decoded(String text, byte[] bytes, boolean binary) {}

    static Decoded decode(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Decoded(s, bytes, s.indexOf('\0') >= 0);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, StandardCharsets.UTF_8), bytes, true);
        }
    }

    /**
     * Enforces the size cap on the writable areas: when a command went over, the biggest files it wrote are
     * removed until the total fits, as a full disk would have stopped them. Returns a note for the agent, or null.
     */
    String enforceCap(long capBytes, Instant commandStart) throws IOException {
        var files = new ArrayList<Path>();
        long[] total = {0};
        for (Path area : List.of(ws, tmp, home)) {
            Files.walkFileTree(area, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    total[0] += a.size();
                    if (a.isRegularFile() && !a.lastModifiedTime().toInstant().isBefore(commandStart.minusSeconds(1))) files.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        if (total[0] <= capBytes) return null;
        files.sort(Comparator.comparingLong(Workspace::sizeOf).reversed());
        for (Path f : files) {
            if (total[0] <= capBytes) break;
            total[0] -= sizeOf(f);
            Files.deleteIfExists(f);
        }
        return "No space left on device (the disk quota of " + (capBytes >> 20) + " MB was reached; the largest new files were removed)";
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private void scan(Map<String, Path> files, Set<String> dirs, boolean stateOnly) throws IOException {
        Files.walkFileTree(ws, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                if (dir.equals(ws)) return FileVisitResult.CONTINUE;
                String name = dir.getFileName().toString();
                if (name.equals(".git") || (stateOnly && NOT_STATE.contains(name))) return FileVisitResult.SKIP_SUBTREE;
                dirs.add(key(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                if (a.isRegularFile()) files.put(key(file), file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private String key(Path p) {
        return ws.relativize(p).toString();
    }

    /** Whether a path's parent is really inside the workspace: a directory link the agent planted leads elsewhere. */
    private boolean inside(Path p) throws IOException {
        Path parent = p.getParent();
        return parent != null && Files.isDirectory(parent, NOFOLLOW) && parent.toRealPath().startsWith(ws.toRealPath());
    }

    /** The directory for a key, made of real directories only: a link or file in the way is replaced, never followed. */
    private Path safeDir(String key) throws IOException {
        Path p = ws;
        if (key.isEmpty()) return p;
        for (String part : key.split("/")) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p) || (Files.exists(p, NOFOLLOW) && !Files.isDirectory(p, NOFOLLOW))) Files.delete(p);
            if (!Files.exists(p, NOFOLLOW)) {
                Files.createDirectory(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return p;
    }

    private void mark(Path p, String key, FileTime mtime) throws IOException {
        FileTime atime = FileTime.from(mtime.toInstant().minusSeconds(1));
        Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(mtime, atime, null);
        accessMark.put(key, atime);
    }

    /** Directories take the time of their newest entry, as they would have after the files were last written. */
    void dateDirs() throws IOException {
        var dirs = new ArrayList<Path>();
        Files.walkFileTree(ws, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                dirs.add(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path d : dirs) {
            FileTime newest = FileTime.from(now.minusSeconds(40L * 86400));
            try (var children = Files.list(d)) {
                for (Path c : (Iterable<Path>) children::iterator) {
                    FileTime t = Files.getLastModifiedTime(c, NOFOLLOW);
                    if (t.compareTo(newest) > 0) newest = t;
                }
            }
            Files.getFileAttributeView(d, BasicFileAttributeView.class, NOFOLLOW).setTimes(newest, newest, null);
        }
    }

    /** A stable age per path, from one hour to five weeks, so listings look like a project worked on over time. */
    private static long plausibleAge(String key) {
        long h = key.hashCode() & 0x7fffffffL;
        return 3600 + (h % (35L * 86400));
    }

    private static String parentOf(String key) {
        int i = key.lastIndexOf('/');
        return i < 0 ? "" : key.substring(0, i);
    }

    private static String leafOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
        Host.removeTreeQuietly(root);
    }
}
