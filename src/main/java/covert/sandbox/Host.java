package covert.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Small host-side helpers. None of them follows a symbolic link: what the agent made must not steer the harness. */
final class Host {
    private Host() {}

    static Path which(String program) {
        String path = System.getenv("PATH");
        if (path == null) path = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        for (String d : (path + ":/usr/sbin:/sbin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Deletes a tree without following links; files the agent made read-only or unwritable go too. */
    static void removeTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                dir.toFile().setWritable(true, true);
                dir.toFile().setExecutable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void removeTreeQuietly(Path root) {
        try {
            removeTree(root);
        } catch (IOException | RuntimeException e) {
            // a leftover temp directory is not worth failing a sample for
        }
    }
}
