package io.salespulse.operator.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salespulse.testkit.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedClientsTest {

    private final List<String> closed = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final SharedClients<String> clients = new SharedClients<>("test", closed::add, Duration.ofMinutes(10),
            clock);

    private SharedClients.Lease<String> lease(String endpoint, String secret) {
        return clients.lease(endpoint, secret, () -> endpoint + "#" + opened.incrementAndGet());
    }

    @Test
    void oneClientPerEndpointIsSharedByEveryLease() {
        try (var a = lease("kafka-1", "s1"); var b = lease("kafka-1", "s1"); var c = lease("kafka-2", "s1")) {
            assertThat(a.client()).isSameAs(b.client()).isEqualTo("kafka-1#1");
            assertThat(c.client()).isEqualTo("kafka-2#2");
        }
        try (var again = lease("kafka-1", "s1")) {
            assertThat(again.client()).isEqualTo("kafka-1#1");
        }
        assertThat(closed).isEmpty();
        assertThat(clients.size()).isEqualTo(2);
    }

    @Test
    void rotatedCredentialsEvictTheOldClientOnceItsLastLeaseIsReturned() {
        var old = lease("mysql-1", "password-1");
        try (var rotated = lease("mysql-1", "password-2")) {
            assertThat(rotated.client()).isEqualTo("mysql-1#2");
            assertThat(closed).as("still in use by the first lease").isEmpty();
            old.close();
            assertThat(closed).containsExactly("mysql-1#1");
        }
        assertThat(clients.size()).isEqualTo(1);
    }

    @Test
    void clientsNobodyLeasedForTheIdleTimeAreClosed() {
        lease("cassandra-1", "s").close();
        clock.advance(Duration.ofMinutes(11));
        lease("cassandra-2", "s").close();
        assertThat(closed).containsExactly("cassandra-1#1");
        assertThat(clients.size()).isEqualTo(1);
    }

    @Test
    void aClientThatFailedToOpenIsNotKept() {
        assertThatThrownBy(() -> clients.lease("down", "s", () -> {
            throw new IllegalStateException("unreachable");
        })).hasMessage("unreachable");
        assertThat(clients.size()).isZero();
        try (var up = lease("down", "s")) {
            assertThat(up.client()).isEqualTo("down#1");
        }
    }

    @Test
    void closeAllClosesEveryClient() {
        lease("a", "s").close();
        lease("b", "s").close();
        clients.closeAll();
        assertThat(closed).containsExactlyInAnyOrder("a#1", "b#2");
        assertThat(clients.size()).isZero();
    }
}
