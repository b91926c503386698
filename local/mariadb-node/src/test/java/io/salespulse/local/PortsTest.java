package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void handsOutDistinctBindablePortsThatNoOutgoingConnectionCanTake() throws IOException {
        int[] ephemeral = Ports.ephemeralRange();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            assertThat(port).isGreaterThanOrEqualTo(Ports.LOWEST);
            assertThat(port < ephemeral[0] || port > ephemeral[1])
                    .as("port %d outside the ephemeral range %d-%d", port, ephemeral[0], ephemeral[1]).isTrue();
            ports.add(port);
        }
        assertThat(ports).hasSize(50);
        int port = ports.iterator().next();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
