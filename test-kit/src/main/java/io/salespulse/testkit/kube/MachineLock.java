package io.salespulse.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real-node cluster per machine (one kubelet, one set of KUBE-* chains): an exclusive lock on a file, released by
 * the kernel when the holder dies, so a killed run never blocks the next one. The holder deletes the file when it is
 * done (nothing left in /tmp); a waiter that locked a file deleted meanwhile tries again.
 */
final class MachineLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MachineLock.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static MachineLock acquire(Path file, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        boolean waiting = false;
        while (true) {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null && lockedFileIsCurrent(file)) {
                    return new MachineLock(file, channel, lock);
                }
                if (lock != null) {
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!waiting) {
                LOG.info("another real-node cluster holds {}: waiting up to {}", file, timeout);
                waiting = true;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("another real-node cluster held " + file + " for " + timeout);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + file, e);
            }
        }
    }

    /** True when this process holds an open descriptor on the file now at {@code file} (not on a deleted one). */
    private static boolean lockedFileIsCurrent(Path file) throws IOException {
        Object current;
        try {
            current = Files.readAttributes(file, "unix:ino").get("ino");
        } catch (NoSuchFileException e) {
            return false;
        }
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    // the link of a deleted file reads "<path> (deleted)"
                    if (Files.readSymbolicLink(fd).equals(file.toAbsolutePath())
                            && Files.readAttributes(fd, "unix:ino").get("ino").equals(current)) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
