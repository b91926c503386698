package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

    @Test
    void findsWhatLddCouldNotResolve() {
        String ldd = """
                \tlinux-vdso.so.1 (0x00007ffd)
                \tlibcrypt.so.1 => not found
                \tlibsystemd.so.0 => /lib/x86_64-linux-gnu/libsystemd.so.0 (0x00007fd4)
                \tlibaio.so.1 => not found
                \t/lib64/ld-linux-x86-64.so.2 (0x00007fd4)
                """;
        assertThat(NativeLibraries.missingIn(ldd)).containsExactly("libcrypt.so.1", "libaio.so.1");
    }

    @Test
    void namesEachMissingLibraryWithThePackagesThatProvideIt() {
        Map<String, Set<String>> missing = new TreeMap<>(Map.of("libcrypt.so.1", Set.of("mariadbd"),
                "libfoo.so.9", Set.of("mariadb")));
        String message = NativeLibraries.message(new MariaDbVersion(11, 4, 5), missing);
        assertThat(message).contains("libcrypt.so.1 (needed by mariadbd)", "apt-get install libcrypt1",
                "dnf install libxcrypt-compat", "libfoo.so.9 (needed by mariadb)", "--mysql-url=");
    }
}
