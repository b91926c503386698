package io.salespulse.operator.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The warm-up configures the three clients without any server: it must finish, and finish without an error. */
class ClientWarmUpTest {

    @Test
    void configuresAllThreeClientsWithoutContactingAnything() throws Exception {
        var warmUp = ClientWarmUp.start(Duration.ofSeconds(1));

        warmUp.get(2, TimeUnit.MINUTES);

        assertThat(warmUp).isCompleted();
        assertThat(ClientWarmUp.failures()).isZero();
    }
}
