package covert.log;

import covert.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the small text inputs a user hands over (specs, series files). A path that is not a regular file (a
 * symlink to {@code /dev/zero}, a FIFO) or one larger than the bound is refused before a byte is read, so no
 * input can exhaust memory or block a read forever.
 */
public final class TextFiles {
    /** Largest spec or series file: real ones are a few KiB. */
    public static final long MAX_SPEC = 1L << 20;

    private TextFiles() {}

    /** Fails unless {@code f} is a regular file of at most {@code max} bytes. */
    public static void check(Path f, long max) {
        if (!Files.isRegularFile(f)) throw new UserError(f + ": not a regular file");
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new UserError(f + ": cannot read: " + e.getMessage());
        }
        if (size > max) throw new UserError(f + ": " + size + " bytes, more than the " + (max >> 10) + " KiB an input file may have");
    }

    /** The file's text, checked as above and decoded as strict UTF-8. */
    public static String read(Path f, long max) {
        check(f, max);
        try {
            byte[] bytes = Files.readAllBytes(f);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserError(f + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError(f + ": cannot read: " + e.getMessage());
        }
    }
}
