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

    /**
     * The native programs whose shared libraries must be present on this machine: the server, and the client, whose
     * libraries are those of every other tool here (mariadb-dump, my_print_defaults, resolveip), as ldd shows.
     * Each ldd costs 0.3-0.8 s on 2 busy cores, so not every tool is asked.
     */
    List<Path> nativePrograms() {
        return List.of(server(), client());
    }
}
