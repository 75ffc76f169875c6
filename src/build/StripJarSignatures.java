import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step (package phase, run by maven-antrun-plugin as a single-file program): rewrites each
 * signed jar of the launcher's {@code target/lib} without its signature files ({@code META-INF/*.SF},
 * {@code *.RSA}, {@code *.DSA}, {@code *.EC}); every other entry is copied byte for byte.
 *
 * Why: the JVM verifies a signed jar's signature and the digest of every class it loads from it
 * (PKCS#7, X.509, SHA-256), the class-data archive (JDK 17) and the ahead-of-time cache (JDK 25)
 * the launcher trains skip every class of a signed jar, and nothing in azsync checks who signed a
 * class (there is no security manager). Together: 0.9 CPU-seconds more per {@code azsync demo}
 * here (JDK 17, mean of eight runs each way). Maven checked
 * each jar's checksum when it downloaded it; the copies in the local repository stay signed.
 */
public class StripJarSignatures {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                if (signed(jar)) {
                    strip(jar);
                    System.out.println("[strip-jar-signatures] " + jar.getFileName() + ": signature files left out");
                }
            }
        }
    }

    static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC");
    }

    private static boolean signed(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> isSignatureFile(e.getName()));
        }
    }

    private static void strip(Path jar) throws IOException {
        Path unsigned = jar.resolveSibling(jar.getFileName() + ".unsigned");
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(unsigned);
             ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (isSignatureFile(entry.getName())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(unsigned, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
