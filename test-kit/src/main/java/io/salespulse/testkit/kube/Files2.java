package io.salespulse.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers the cluster's clean-up needs. */
final class Files2 {

    private Files2() {
    }

    /**
     * Deletes {@code root} and everything below it, never following symbolic links. Refuses when something is still
     * mounted below it: deleting through a mount point would delete what the mount shows (a pod's volume, a host path).
     */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        var mounted = Mounts.under(root);
        if (!mounted.isEmpty()) {
            throw new IllegalStateException("not deleting " + root + ": still mounted below it: " + mounted);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
