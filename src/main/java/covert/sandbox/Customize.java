package covert.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Post-install touches that make the root file system read like an ordinary Debian container rather than
 * the machine that built it: debootstrap copies the builder's hostname and resolver, which would show the host.
 */
final class Customize {
    private Customize() {}

    static void apply(Path root) throws IOException {
        Files.writeString(root.resolve("etc/hostname"), "localhost\n");
        Files.writeString(root.resolve("etc/hosts"), hosts("localhost"));
        Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(root.resolve("var/cache/apt/archives"), "*.deb")) {
            for (Path d : debs) Files.delete(d);
        }
        Host.removeTree(root.resolve("debootstrap"));
    }

    /** What Docker writes for a container's {@code /etc/hosts}. */
    static String hosts(String hostname) {
        return "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\n"
                + "ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.17.0.2\t" + hostname + "\n";
    }
}
