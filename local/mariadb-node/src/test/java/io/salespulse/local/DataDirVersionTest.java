package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirVersionTest {

    @TempDir
    Path data;

    @Test
    void prefersTheUpgradeInfoFile() throws Exception {
        Files.createDirectories(data.resolve("mysql"));
        Files.writeString(data.resolve("mysql_upgrade_info"), "10.11.19-MariaDB");
        assertThat(DataDirVersion.of(data)).contains(new MariaDbVersion(10, 11, 19));
        Files.writeString(data.resolve("mariadb_upgrade_info"), "11.4.5-MariaDB\0");
        assertThat(DataDirVersion.of(data)).contains(new MariaDbVersion(11, 4, 5));
    }

    @Test
    void fallsBackToTheVersionInATableDefinition() throws Exception {
        Files.createDirectories(data.resolve("mysql"));
        ByteBuffer frm = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        frm.putInt(51, 101119);
        Files.write(data.resolve("mysql/db.frm"), frm.array());
        assertThat(DataDirVersion.isInstalled(data)).isTrue();
        assertThat(DataDirVersion.of(data)).contains(new MariaDbVersion(10, 11, 19));
    }

    @Test
    void anEmptyDirectoryIsNotInstalled() {
        assertThat(DataDirVersion.isInstalled(data)).isFalse();
        assertThat(DataDirVersion.of(data)).isEmpty();
    }
}
