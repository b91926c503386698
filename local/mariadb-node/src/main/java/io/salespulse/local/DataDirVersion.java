package io.salespulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which MariaDB version made (or last upgraded) a data directory, from the files the server itself leaves there. */
final class DataDirVersion {

    /** MariaDB 11 writes the first, earlier versions (Debian's 10.11 too) the second; both hold e.g. "10.11.19-MariaDB". */
    private static final List<String> UPGRADE_INFO = List.of("mariadb_upgrade_info", "mysql_upgrade_info");
    /** A table definition's header keeps the version id of the server that wrote it (4 bytes, little-endian, at 51). */
    private static final int FRM_VERSION_OFFSET = 51;

    private DataDirVersion() {
    }

    static boolean isInstalled(Path data) {
        return Files.isDirectory(data.resolve("mysql"));
    }

    static Optional<MariaDbVersion> of(Path data) {
        try {
            for (String name : UPGRADE_INFO) {
                Path info = data.resolve(name);
                if (Files.isRegularFile(info)) {
                    Optional<MariaDbVersion> version = MariaDbVersion.parse(Files.readString(info).replace("\0", ""));
                    if (version.isPresent()) {
                        return version;
                    }
                }
            }
            Path frm = data.resolve("mysql/db.frm");
            if (Files.isRegularFile(frm) && Files.size(frm) >= FRM_VERSION_OFFSET + 4) {
                try (FileChannel channel = FileChannel.open(frm)) {
                    ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    channel.read(buffer, FRM_VERSION_OFFSET);
                    long id = Integer.toUnsignedLong(buffer.flip().getInt());
                    if (id >= 50000 && id < 1000000) {
                        return Optional.of(MariaDbVersion.fromId(id));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
