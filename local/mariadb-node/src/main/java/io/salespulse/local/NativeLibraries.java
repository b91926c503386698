package io.salespulse.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before the first start, that this machine has the shared libraries the embedded MariaDB programs link
 * against (ldd), so a missing one is named with the package that provides it instead of a bare "exit 127".
 */
final class NativeLibraries {

    private static final Pattern NOT_FOUND = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found", Pattern.MULTILINE);

    /** library → (Debian/Ubuntu package, Fedora/RHEL package); the libraries these builds were seen to need, and kin. */
    private static final Map<String, String[]> PACKAGES = new LinkedHashMap<>();

    static {
        PACKAGES.put("libcrypt.so.1", new String[] {"libcrypt1", "libxcrypt-compat"});
        PACKAGES.put("libsystemd.so.0", new String[] {"libsystemd0", "systemd-libs"});
        PACKAGES.put("libstdc++.so.6", new String[] {"libstdc++6", "libstdc++"});
        PACKAGES.put("libgcc_s.so.1", new String[] {"libgcc-s1", "libgcc"});
        PACKAGES.put("libcap.so.2", new String[] {"libcap2", "libcap"});
        PACKAGES.put("libgcrypt.so.20", new String[] {"libgcrypt20", "libgcrypt"});
        PACKAGES.put("libgpg-error.so.0", new String[] {"libgpg-error0", "libgpg-error"});
        PACKAGES.put("liblzma.so.5", new String[] {"liblzma5", "xz-libs"});
        PACKAGES.put("libzstd.so.1", new String[] {"libzstd1", "libzstd"});
        PACKAGES.put("liblz4.so.1", new String[] {"liblz4-1", "lz4-libs"});
        PACKAGES.put("libaio.so.1", new String[] {"libaio1 (Ubuntu 24.04: libaio1t64)", "libaio"});
        PACKAGES.put("libncurses.so.6", new String[] {"libncurses6", "ncurses-libs"});
        PACKAGES.put("libtinfo.so.6", new String[] {"libtinfo6", "ncurses-libs"});
        PACKAGES.put("libssl.so.3", new String[] {"libssl3", "openssl-libs"});
        PACKAGES.put("libz.so.1", new String[] {"zlib1g", "zlib"});
    }

    private NativeLibraries() {
    }

    /** Throws, naming every missing library and where to get it, when a program cannot be loaded here. */
    static void check(MariaDbBinaries binaries) {
        Path ldd = Path.of("/usr/bin/ldd");
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux") || !Files.isExecutable(ldd)) {
            return; // nothing to ask (macOS, or a libc without ldd): a failure will still name the server's log
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        for (Path program : binaries.nativePrograms()) {
            for (String library : missingIn(ldd(ldd, program))) {
                missing.computeIfAbsent(library, l -> new TreeSet<>()).add(program.getFileName().toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(message(binaries.version(), missing));
        }
    }

    private static String ldd(Path ldd, Path program) {
        try {
            Path log = Files.createTempFile("salespulse-ldd", ".log");
            try {
                return Tools.output(List.of(ldd.toString(), program.toString()), null, log, Duration.ofSeconds(30));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException | RuntimeException e) {
            return ""; // ldd itself failed (e.g. not a dynamic executable): nothing to report from here
        }
    }

    /** The libraries ldd reported as "not found". */
    static List<String> missingIn(String lddOutput) {
        List<String> missing = new ArrayList<>();
        Matcher m = NOT_FOUND.matcher(lddOutput);
        while (m.find()) {
            missing.add(m.group(1));
        }
        return missing;
    }

    static String message(MariaDbVersion version, Map<String, Set<String>> missing) {
        StringBuilder text = new StringBuilder("the embedded MariaDB " + version
                + " cannot run here: this machine lacks shared libraries its programs need:");
        for (Map.Entry<String, Set<String>> entry : missing.entrySet()) {
            text.append("\n    ").append(entry.getKey()).append(" (needed by ").append(String.join(", ", entry.getValue())).append(")");
            String[] packages = PACKAGES.get(entry.getKey());
            if (packages != null) {
                text.append(" - Debian/Ubuntu: apt-get install ").append(packages[0])
                        .append("; Fedora/RHEL: dnf install ").append(packages[1]);
            } else {
                text.append(" - install the package of your distribution that provides it");
            }
        }
        text.append("\n  Install them (needs root once), or use a MySQL you already have: ./salespulse run --mysql-url=jdbc:mysql://HOST:PORT/DB"
                + " (user and password from SALESPULSE_MYSQL_USER / SALESPULSE_MYSQL_PASSWORD).");
        return text.toString();
    }
}
