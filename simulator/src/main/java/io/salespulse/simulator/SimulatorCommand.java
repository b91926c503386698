package io.salespulse.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulator}: publishes realistic orders to Kafka (the seed's kafka_producer.py, done properly). */
@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Publishes realistic e-commerce orders to Kafka, optionally with duplicates, late and malformed records.")
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:SALESPULSE_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "${env:SALESPULSE_KAFKA_TOPIC:-orders}", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--rate", defaultValue = "20", description = "Orders per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--ramp-to", description = "Ramp linearly from --rate to this rate over --ramp-over.")
    Double rampTo;

    @Option(names = "--ramp-over", defaultValue = "PT60S", description = "Ramp duration, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration rampOver;

    @Option(names = "--daily-rhythm", description = "Shape the rate by UTC hour of day (quiet nights, busy evenings).")
    boolean dailyRhythm;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many records (0 = no limit).")
    long count;

    @Option(names = "--duration", description = "Stop after this long, ISO-8601 (e.g. PT10M).")
    Duration duration;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same orders (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duplicates", defaultValue = "0", description = "Fraction of exact duplicates (same event_id).")
    double duplicates;

    @Option(names = "--late", defaultValue = "0", description = "Fraction of late events.")
    double late;

    @Option(names = "--late-by", defaultValue = "PT5M..PT15M", description = "How far in the past late events lie, MIN..MAX (default: ${DEFAULT-VALUE}).")
    String lateBy;

    @Option(names = "--malformed", defaultValue = "0", description = "Fraction of malformed records (bad JSON, missing field, negative quantity, wrong total, unknown country).")
    double malformed;

    @Option(names = "--print", description = "Print the records to stdout (one JSON per line) instead of publishing.")
    boolean print;

    @Override
    public Integer call() throws Exception {
        String[] range = lateBy.split("\\.\\.", 2);
        Duration lateMin = Duration.parse(range[0]);
        Duration lateMax = range.length == 2 ? Duration.parse(range[1]) : lateMin;
        OrderGenerator generator = new OrderGenerator(seed, new Anomalies(duplicates, late, malformed, lateMin, lateMax));
        if (print) {
            long n = count > 0 ? count : 10;
            for (long i = 0; i < n; i++) {
                System.out.println(generator.next(java.time.Instant.now()).value());
            }
            return 0;
        }
        RatePlan plan = new RatePlan(rate, rampTo == null ? rate : rampTo, rampTo == null ? Duration.ZERO : rampOver, dailyRhythm);
        System.err.printf("simulator: publishing to %s on %s at %s orders/s%s%n", topic, bootstrapServers, rate,
                rampTo == null ? "" : " ramping to " + rampTo);
        try (OrderPublisher publisher = new OrderPublisher(bootstrapServers, topic)) {
            Map<RecordKind, Long> sent = publisher.run(generator, plan, count, duration,
                    progress -> System.err.println("simulator: sent " + progress));
            System.err.println("simulator: done, sent " + sent);
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }
}
