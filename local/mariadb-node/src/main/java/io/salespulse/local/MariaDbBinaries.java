package io.salespulse.local;

import java.nio.file.Path;
import java.util.List;

/** Where one MariaDB build's programs are, laid out like its release tarball (bin/, scripts/, share/). */
public record MariaDbBinaries(Path base, MariaDbVersion version) {

    public Path server() {
        return base.resolve("bin/mariadbd");
    }

    public Path client() {
        return base.resolve("bin/mariadb");
    }

    public Path dump() {
        return base.resolve("bin/mariadb-dump");
    }

    public Path installDb() {
        return base.resolve("scripts/mariadb-install-db");
    }

    /** The native programs whose shared libraries must be present on this machine. */
    List<Path> nativePrograms() {
        return List.of(server(), client(), dump(), base.resolve("bin/my_print_defaults"), base.resolve("bin/resolveip"));
    }
}
