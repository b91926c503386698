package io.salespulse.dashboard.live;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

public class Producers {

    /** UTC wall clock; relative ranges ("last hour") are resolved against it. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
