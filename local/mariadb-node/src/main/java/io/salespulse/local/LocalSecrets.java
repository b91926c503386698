package io.salespulse.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generated local credentials, kept in a file only the owner can read so a second run finds the same one. */
public final class LocalSecrets {

    private LocalSecrets() {
    }

    /** The secret in {@code file}, or a new random one of {@code bytes} bytes (hex) written there with mode 600. */
    public static String readOrCreate(Path file, int bytes) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Files.writeString(file, secret);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return secret;
    }
}
