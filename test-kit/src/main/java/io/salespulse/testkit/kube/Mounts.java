package io.salespulse.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mount points below a directory (from /proc/self/mountinfo), and unmounting them. */
final class Mounts {

    private static final Logger LOG = LoggerFactory.getLogger(Mounts.class);

    private Mounts() {
    }

    /** Mount points at or below {@code dir}, deepest first. */
    static List<Path> under(Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    Path mountPoint = Path.of(unescape(fields[4]));
                    if (mountPoint.startsWith(base) && !found.contains(mountPoint)) {
                        found.add(mountPoint);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    /** Unmounts everything at or below {@code dir} (a lazy unmount when a plain one fails); returns what it unmounted. */
    static List<Path> unmountAll(Path dir) {
        List<Path> unmounted = new ArrayList<>();
        // A mount can be stacked several times (the kubelet bind-mounts its root dir onto itself): repeat until none.
        for (int round = 0; round < 10; round++) {
            List<Path> mounts = under(dir);
            if (mounts.isEmpty()) {
                break;
            }
            for (Path mount : mounts) {
                HostCommand.Result result = HostCommand.run("umount", mount.toString());
                if (!result.ok()) {
                    result = HostCommand.run("umount", "-l", mount.toString());
                }
                if (result.ok()) {
                    unmounted.add(mount);
                } else {
                    LOG.warn("could not unmount {}: {}", mount, result.output().strip());
                }
            }
        }
        return unmounted;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal (\040 ...). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                try {
                    out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the backslash
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
