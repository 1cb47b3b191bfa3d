package covert.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The World's in-memory file system. Paths are relative to the workspace root, which the shell shows as
 * {@value #ROOT}; nothing here ever reaches the host's disk.
 */
public final class FileSystem {
    public static final String ROOT = "/workspace";
    /** Largest file a tool may write, in characters: far above any real workspace file, far below the heap. */
    public static final int MAX_FILE = 4 << 20;
    /** Largest total of paths and contents a sample's tools may grow the World to. */
    public static final long MAX_TOTAL = 16L << 20;

    /** A write the caps refuse; the message is what bash prints after the path ("File too large", ...). */
    public static final class LimitExceeded extends RuntimeException {
        private final String path;

        LimitExceeded(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }

        /** The path as the shell shows it. */
        public String path() {
            return path;
        }
    }

    private final TreeMap<String, String> files = new TreeMap<>();
    private final TreeSet<String> dirs = new TreeSet<>();
    private final List<String> reads = new ArrayList<>();
    private long total;

    FileSystem(Map<String, String> initial) {
        initial.forEach(this::put); // the spec's own files are bounded by the spec file's size, not by the tool caps
    }

    /** Normalises a user path to a key: strips the workspace root, resolves {@code .} and {@code ..}. */
    public static String normalize(String path) {
        String p = path.trim();
        if (p.equals(ROOT) || p.equals("/") || p.equals(".") || p.isEmpty()) return "";
        if (p.startsWith(ROOT + "/")) p = p.substring(ROOT.length() + 1);
        else if (p.startsWith("/")) p = p.substring(1);
        var parts = new ArrayList<String>();
        for (String s : splitSlashes(p)) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (!parts.isEmpty()) parts.remove(parts.size() - 1);
            } else parts.add(s);
        }
        return String.join("/", parts);
    }

    private static List<String> splitSlashes(String p) {
        var out = new ArrayList<String>();
        int start = 0;
        for (int i = 0; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                if (i > start) out.add(p.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    public synchronized Optional<String> read(String path) {
        String k = normalize(path);
        String v = files.get(k);
        if (v != null) reads.add(k);
        return Optional.ofNullable(v);
    }

    /** Reads without recording an access, for harness-side inspection. */
    public synchronized Optional<String> peek(String path) {
        return Optional.ofNullable(files.get(normalize(path)));
    }

    /** Creates or replaces a file with no cap: the spec's files, and a sandbox mirroring a workspace it bounds itself. */
    public synchronized void write(String path, String content) {
        put(path, content);
    }

    /**
     * Creates or replaces a file on a tool's behalf. A file over {@link #MAX_FILE} or a World over {@link #MAX_TOTAL}
     * is refused with {@link LimitExceeded}, leaving the World unchanged, as a full disk or a file-size limit would.
     */
    public synchronized void writeBounded(String path, String content) {
        String k = normalize(path);
        if (content.length() > MAX_FILE) throw new LimitExceeded(display(k), "File too large");
        String old = files.get(k);
        long after = total - size(k, old) + size(k, content);
        if (after > MAX_TOTAL && after > total) throw new LimitExceeded(display(k), "No space left on device");
        put(k, content);
    }

    private void put(String path, String content) {
        String k = normalize(path);
        total += size(k, content) - size(k, files.put(k, content));
        for (int i = k.indexOf('/'); i >= 0; i = k.indexOf('/', i + 1)) dirs.add(k.substring(0, i));
    }

    private static long size(String key, String content) {
        return content == null ? 0 : key.length() + (long) content.length();
    }

    public synchronized boolean delete(String path) {
        String k = normalize(path);
        String old = files.remove(k);
        total -= size(k, old);
        return old != null;
    }

    public synchronized boolean isFile(String path) {
        return files.containsKey(normalize(path));
    }

    public synchronized boolean isDir(String path) {
        String k = normalize(path);
        return k.isEmpty() || dirs.contains(k);
    }

    public synchronized void mkdir(String path) {
        String k = normalize(path);
        if (k.isEmpty()) return;
        dirs.add(k);
        for (int i = k.indexOf('/'); i >= 0; i = k.indexOf('/', i + 1)) dirs.add(k.substring(0, i));
    }

    public synchronized boolean removeDir(String path) {
        String k = normalize(path);
        String prefix = k + "/";
        boolean any = dirs.remove(k);
        var doomed = files.keySet().stream().filter(f -> f.startsWith(prefix)).toList();
        doomed.forEach(f -> total -= size(f, files.remove(f)));
        any |= !doomed.isEmpty();
        any |= dirs.removeIf(d -> d.startsWith(prefix));
        return any;
    }

    /** Direct children of a directory: names, with a trailing slash for directories. */
    public synchronized List<String> list(String dir) {
        String k = normalize(dir);
        String prefix = k.isEmpty() ? "" : k + "/";
        var out = new TreeSet<String>();
        for (String f : files.keySet()) if (f.startsWith(prefix)) out.add(child(f, prefix));
        for (String d : dirs) if (d.startsWith(prefix) && !d.equals(k)) out.add(child(d, prefix) + "/");
        out.removeIf(s -> s.endsWith("/") && out.contains(s.substring(0, s.length() - 1)) && !isDirKey(prefix + s));
        return List.copyOf(out);
    }

    private boolean isDirKey(String key) {
        return dirs.contains(key.substring(0, key.length() - 1));
    }

    private static String child(String path, String prefix) {
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash) + "/";
    }

    /** Every file under a directory (recursively), as keys. */
    public synchronized List<String> walk(String dir) {
        String k = normalize(dir);
        String prefix = k.isEmpty() ? "" : k + "/";
        return files.keySet().stream().filter(f -> f.startsWith(prefix)).toList();
    }

    /** Forgets the reads recorded so far: setup that reads files on the agent's machine before the episode is not the agent reading. */
    public synchronized void forgetReads() {
        reads.clear();
    }

    /** Every directory, as keys (the workspace root excluded). */
    public synchronized List<String> dirs() {
        return List.copyOf(dirs);
    }

    synchronized Map<String, String> snapshot() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    synchronized List<String> readLog() {
        return List.copyOf(reads);
    }

    /** Shows a key the way the shell prints paths. */
    public static String display(String key) {
        return key.isEmpty() ? ROOT : ROOT + "/" + key;
    }
}
