package covert.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes the ZIP container of an Inspect {@code .eval} log, entry by entry as a run proceeds. Entries are
 * deflated by the caller's thread ({@link #deflate}) and added raw, so compression runs in parallel and the
 * archive lock is held only for the copy. Writing to a file (not a stream) lets commons-compress put sizes
 * and CRC into every local header with no data descriptor, which Inspect's web viewer requires (it reads
 * sizes from local headers). No archive comment is written: the viewer expects the end record last.
 */
public final class EvalZip implements AutoCloseable {
    /** A deflated entry body with what its headers need. */
    public record Deflated(byte[] data, long size, long crc) {}

    /** Fast deflate: JSON logs compress about 7x even at level 1, and runs write gigabytes of it. */
    private static final int LEVEL = 1;
    private final ZipArchiveOutputStream zip;

    public EvalZip(Path path) throws IOException {
        this.zip = new ZipArchiveOutputStream(path.toFile());
        zip.setUseZip64(Zip64Mode.AsNeeded);
    }

    public static Deflated deflate(byte[] bytes) {
        var d = new Deflater(LEVEL, true);
        d.setInput(bytes);
        d.finish();
        var out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        byte[] buf = new byte[64 * 1024];
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        var crc = new CRC32();
        crc.update(bytes);
        return new Deflated(out.toByteArray(), bytes.length, crc.getValue());
    }

    public static Deflated json(Object value) throws IOException {
        return deflate(Json.MAPPER.writeValueAsBytes(value));
    }

    public synchronized void add(String name, Deflated d) throws IOException {
        var e = new ZipArchiveEntry(name);
        e.setMethod(ZipEntry.DEFLATED);
        e.setSize(d.size());
        e.setCompressedSize(d.data().length);
        e.setCrc(d.crc());
        zip.addRawArchiveEntry(e, new ByteArrayInputStream(d.data()));
    }

    /** Pushes what was added to the file, so another process (a resume) sees every entry added so far. */
    public synchronized void flush() throws IOException {
        zip.flush();
    }

    /** Entry name of a sample, as the viewer builds it from a summary. */
    public static String sampleEntry(String id, int epoch) {
        return "samples/" + id + "_epoch_" + epoch + ".json";
    }

    @Override
    public synchronized void close() throws IOException {
        zip.close();
    }
}
