package io.salespulse.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindIngress = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8"));

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        assertThat(behindIngress.resolve("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
        assertThat(new ClientAddress(List.of()).resolve("10.1.1.1", List.of("1.2.3.4"))).isEqualTo("10.1.1.1");
    }

    @Test
    void fromATrustedProxyTheLastUntrustedHopIsTheClient() {
        assertThat(behindIngress.resolve("10.2.3.4", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        // the client wrote the first entry itself; the proxy appended the real one
        assertThat(behindIngress.resolve("10.2.3.4", List.of("6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(behindIngress.resolve("10.2.3.4", List.of("6.6.6.6", "198.51.100.7, 192.168.1.5"))).isEqualTo("198.51.100.7");
        assertThat(behindIngress.resolve("fd00::1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
        assertThat(behindIngress.resolve("10.2.3.4", List.of())).isEqualTo("10.2.3.4");
        assertThat(behindIngress.resolve("10.2.3.4", List.of("10.9.9.9"))).isEqualTo("10.9.9.9");
    }

    @Test
    void badTrustedProxiesNameTheSettingAndValue() {
        assertThatThrownBy(() -> new ClientAddress(List.of("ingress.example")))
                .hasMessageContaining("trusted-proxies").hasMessageContaining("ingress.example");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
    }
}
