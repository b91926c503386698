package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salespulse.local.ExistingServices.HostPort;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExistingServicesTest {

    @Test
    void readsHostsAndPorts() {
        assertThat(ExistingServices.hostPorts("--kafka=x", "a:9093, b", 9092))
                .containsExactly(new HostPort("a", 9093), new HostPort("b", 9092));
        assertThat(ExistingServices.hostPorts("--cassandra=x", "[::1]:9042", 9042)).containsExactly(new HostPort("::1", 9042));
        assertThat(ExistingServices.mysqlHostPort("jdbc:mysql://db.example:3307/shop?useSSL=true")).isEqualTo(new HostPort("db.example", 3307));
        assertThat(ExistingServices.mysqlHostPort("jdbc:mysql://db/shop")).isEqualTo(new HostPort("db", 3306));
        assertThatThrownBy(() -> ExistingServices.hostPorts("--kafka=a:x", "a:x", 9092)).hasMessageStartingWith("--kafka=a:x:");
    }

    @Test
    void anUnreachableServiceIsNamedByItsSetting() {
        int closed = Ports.free(); // nothing listens there: the connection is refused at once
        assertThatThrownBy(() -> ExistingServices.kafka("127.0.0.1:" + closed))
                .hasMessageStartingWith("--kafka=127.0.0.1:" + closed + ": cannot connect to 127.0.0.1:" + closed);
        assertThatThrownBy(() -> ExistingServices.cassandra("127.0.0.1:" + closed, Map.of()))
                .hasMessageStartingWith("--cassandra=127.0.0.1:" + closed + ": cannot connect");
        assertThatThrownBy(() -> ExistingServices.mysql("jdbc:mysql://127.0.0.1:" + closed + "/shop", Map.of("SALESPULSE_MYSQL_USER", "u")))
                .hasMessageStartingWith("--mysql-url=jdbc:mysql://127.0.0.1:" + closed + "/shop: cannot connect");
    }

    @Test
    void credentialsComeFromTheEnvironmentNeverTheUrl() {
        assertThatThrownBy(() -> ExistingServices.mysql("jdbc:mysql://h/shop", Map.of()))
                .hasMessageContaining("set SALESPULSE_MYSQL_USER");
        assertThatThrownBy(() -> ExistingServices.mysql("jdbc:mysql://h/shop?user=u&password=secret", Map.of("SALESPULSE_MYSQL_USER", "u")))
                .hasMessageContaining("SALESPULSE_MYSQL_PASSWORD").hasMessageNotContaining("secret");
    }
}
