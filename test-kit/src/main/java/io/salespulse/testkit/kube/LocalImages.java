package io.salespulse.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images the node itself needs, made on this machine with {@code docker import} (nothing is ever pulled): the pod
 * sandbox image from the static {@code pause} binary the build script compiles, and a small busybox image from
 * Debian's busybox-static package for tests. Each carries a label naming its input, so a changed input re-imports.
 */
public final class LocalImages {

    /** The kubelet's --pod-infra-container-image. */
    public static final String PAUSE = "salespulse/pause:3.4-local";
    /** Debian's busybox-static (sh, nc, sleep, cat, ...); use with {@code imagePullPolicy: Never}. */
    public static final String BUSYBOX = "salespulse/busybox:1.35-local";

    private static final Logger LOG = LoggerFactory.getLogger(LocalImages.class);
    private static final String INPUT_LABEL = "io.salespulse.image-input";

    private LocalImages() {
    }

    /** Imports {@link #PAUSE} from {@code pauseBinary} unless an image with the same binary is present. */
    static String pause(Path pauseBinary, Path workDir) {
        String input = "pause-sha256=" + sha256(pauseBinary);
        if (present(PAUSE, input)) {
            return PAUSE;
        }
        try {
            Path root = Files.createDirectories(workDir.resolve("pause-image"));
            Files.copy(pauseBinary, root.resolve("pause"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(root.resolve("pause"), PosixFilePermissions.fromString("rwxr-xr-x"));
            importRoot(root, List.of("pause"), PAUSE, input, "ENTRYPOINT [\"/pause\"]");
            Files2.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PAUSE;
    }

    /**
     * Imports {@link #BUSYBOX} unless present: {@code apt-get download busybox-static} (from the host's Debian
     * mirror), {@code dpkg -x}, a root with /bin/busybox and one link per applet, {@code docker import}. Needs the
     * Docker engine ({@link RealNodeCluster} starts it).
     */
    public static String busybox(Path workDir) {
        if (present(BUSYBOX, null)) {
            return BUSYBOX;
        }
        long t0 = System.nanoTime();
        try {
            Path dir = Files.createDirectories(workDir.resolve("busybox-image"));
            HostCommand.run(Duration.ofMinutes(5), dir, null,
                    List.of("apt-get", "-o", "APT::Sandbox::User=root", "download", "-q", "busybox-static"))
                    .check();
            Path deb;
            try (var debs = Files.list(dir)) {
                deb = debs.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("apt-get download busybox-static gave no .deb"));
            }
            Path unpacked = dir.resolve("unpacked");
            HostCommand.run("dpkg", "-x", deb.toString(), unpacked.toString()).check();
            Path busybox = unpacked.resolve("bin/busybox");
            Path root = Files.createDirectories(dir.resolve("root"));
            Files.createDirectories(root.resolve("bin"));
            Files.copy(busybox, root.resolve("bin/busybox"));
            Files.setPosixFilePermissions(root.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String applet : HostCommand.run(busybox.toString(), "--list").check().output().split("\\s+")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
                }
            }
            Files.createDirectories(root.resolve("etc"));
            Files.createDirectories(root.resolve("tmp"));
            Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
            Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            importRoot(root, List.of("bin", "etc", "tmp"), BUSYBOX, deb.getFileName().toString(),
                    "CMD [\"sh\"]");
            Files2.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("imported {} in {} ms", BUSYBOX, (System.nanoTime() - t0) / 1_000_000);
        return BUSYBOX;
    }

    /**
     * Builds {@code tag} FROM the local image {@code from} plus one label: a distinct image id with the same content,
     * which is what an upgrade test needs where no registry is reachable. No context, no network, no pull (fails
     * when {@code from} is not local).
     */
    static void derive(String from, String tag, String label) {
        if (!present(from, null)) {
            throw new IllegalStateException(from + " is not a local image (build the images first; nothing is pulled)");
        }
        HostCommand.run(Duration.ofMinutes(2), null, "FROM " + from + "\nLABEL " + label + "\n",
                List.of("env", "DOCKER_BUILDKIT=0", "docker", "build", "--network=none", "-q", "-t", tag, "-"))
                .check();
        LOG.info("built {} FROM {} (LABEL {})", tag, from, label);
    }

    /** True when {@code tag} exists locally (and, when {@code input} is given, was made from that input). */
    static boolean present(String tag, String input) {
        HostCommand.Result inspect = HostCommand.run("docker", "image", "inspect", "-f",
                "{{index .Config.Labels \"" + INPUT_LABEL + "\"}}", tag);
        return inspect.ok() && (input == null || inspect.output().strip().equals(input));
    }

    private static void importRoot(Path root, List<String> entries, String tag, String input, String change)
            throws IOException {
        Path tar = root.resolveSibling(root.getFileName() + ".tar");
        List<String> tarCommand = new java.util.ArrayList<>(List.of("tar", "--numeric-owner", "--owner=0",
                "--group=0", "-C", root.toString(), "-cf", tar.toString()));
        tarCommand.addAll(entries);
        HostCommand.run(tarCommand).check();
        HostCommand.run("docker", "import", "--change", change, "--change", "LABEL " + INPUT_LABEL + "=" + input,
                tar.toString(), tag).check();
        Files.deleteIfExists(tar);
        LOG.info("docker import {} ({})", tag, input);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
