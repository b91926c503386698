package io.salespulse.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketAuditTest {

    @Test
    void decodesProcNetAddressesInHostByteOrder() throws Exception {
        assertThat(SocketAudit.decode("0100007F:0050")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(SocketAudit.decode("FEA9FEA9:0050")).isEqualTo(InetAddress.getByName("169.254.169.254"));
        assertThat(SocketAudit.decode("010011AC:1F90")).isEqualTo(InetAddress.getByName("172.17.0.1"));
        // tcp6: four host-order words; an IPv4-mapped address comes back as IPv4
        assertThat(SocketAudit.decode("0000000000000000FFFF00000100007F:0050"))
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(SocketAudit.decode("00000000000000000000000001000000:0050"))
                .isEqualTo(InetAddress.getByName("::1"));
    }

    @Test
    void cidrMatchesOnlyItsRange() throws Exception {
        SocketAudit.Cidr pods = SocketAudit.Cidr.parse("172.17.0.0/16");
        assertThat(pods.contains(InetAddress.getByName("172.17.3.4"))).isTrue();
        assertThat(pods.contains(InetAddress.getByName("172.18.0.1"))).isFalse();
        assertThat(pods.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(SocketAudit.Cidr.parse("10.96.0.0/16").contains(InetAddress.getByName("10.96.0.1"))).isTrue();
        assertThat(SocketAudit.Cidr.parse("0.0.0.0/32").contains(InetAddress.getByName("0.0.0.1"))).isFalse();
    }

    @Test
    void reportsASocketOfAWatchedProcessWhoseRemoteIsNotLocal() throws Exception {
        long self = ProcessHandle.current().pid();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept();
                SocketAudit strict = new SocketAudit(() -> Map.of("this-jvm", self), List.of(), false);
                SocketAudit normal = new SocketAudit(() -> Map.of("this-jvm", self), List.of())) {
            assertThat(strict.check()).as("loopback counted as outside")
                    .anyMatch(v -> v.pid() == self && v.remote().equals("127.0.0.1:" + server.getLocalPort()));
            assertThat(normal.check()).as("loopback is this machine").isEmpty();
            assertThat(accepted.isConnected()).isTrue();
        }
    }
}
