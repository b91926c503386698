package io.salespulse.dashboard;

import io.salespulse.local.Deadline;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Known aggregates on 1 March 2024 (UTC), loaded once per database into the V1 and V4 tables, as the job writes
 * them. The selected range [10:00, 10:10) has, per minute m = 0..9, four orders:
 * <pre>
 *   A  US  VISA  Electronics  P-1001 "Wireless Earbuds"       60+m USD  2 items
 *   B  DE  VISA  Books        P-2001 "Atlas, "Deluxe" edition" 25 USD   1 item
 *   C  DE  AMEX  Electronics  P-1003 "=cmd|' /C calc'!A0"      15 USD   3 items
 *   D  US  AMEX  two lines:   Electronics P-1003               15 USD   1 item
 *                             Books       P-2002 "Cookbook"      5 USD   1 item   (order: 20 USD, 2 items)
 * </pre>
 * so 1245.00 USD, 40 orders, 80 items (order level). D counts as an order in both Electronics and Books on the line
 * level. The previous period [09:50, 10:00) has one sale a minute:
 * US MASTERCARD Books P-2001, 50 USD, 1 order, 2 items: 500.00 USD, 10 orders, 20 items. Batches: one committed at
 * 09:59:30 (5 dead letters), one at 10:04:30 (2 dead letters, 1 late event), one at 10:09:30 (1 dead letter).
 */
public final class Fixture {

    public static final Instant FROM = Instant.parse("2024-03-01T10:00:00Z");
    public static final Instant TO = Instant.parse("2024-03-01T10:10:00Z");
    public static final String RANGE = "range=custom&from=2024-03-01T10:00:00Z&to=2024-03-01T10:10:00Z";
    public static final String PRODUCT_B = "Atlas, \"Deluxe\" edition";
    public static final String PRODUCT_C = "=cmd|' /C calc'!A0";

    private static boolean loaded;

    private Fixture() {
    }

    public static synchronized void load() throws SQLException {
        if (!loaded && !TestDb.exists("SELECT 1 FROM stream_batches WHERE batch_id = -1001")) {
            insert();
        }
        loaded = true;
        awaitSeen();
    }

    /**
     * Waits until the dashboard's poller has seen every committed batch: answers computed before that may be cached
     * under the previous data version (they catch up at the next tick, but a test must not race it).
     */
    public static void awaitSeen() throws SQLException {
        long newest;
        try (var c = TestDb.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT MAX(id) FROM stream_batches")) {
            rs.next();
            newest = rs.getLong(1);
        }
        Deadline.await("the poller to see batch " + newest, Duration.ofSeconds(10), Duration.ofMillis(20),
                () -> Browser.signedIn().get("/api/v1/pipeline").jsonPath().getLong("data.now.dataVersion") >= newest);
    }

    private static void insert() throws SQLException {
        try (TestDb.Batch previous = new TestDb.Batch(-1001)) {
            for (int m = 0; m < 10; m++) {
                previous.sale(FROM.minusSeconds(600 - 60L * m), "US", "MASTERCARD", "Books", "P-2001", PRODUCT_B, "50.00", 1, 2);
            }
            previous.rejects(5, 0).committedAt(Instant.parse("2024-03-01T09:59:30Z")).commit();
        }
        for (int half = 0; half < 2; half++) {
            try (TestDb.Batch batch = new TestDb.Batch(-1002 - half)) {
                for (int m = half * 5; m < half * 5 + 5; m++) {
                    Instant minute = FROM.plusSeconds(60L * m);
                    batch.sale(minute, "US", "VISA", "Electronics", "P-1001", "Wireless Earbuds", (60 + m) + ".00", 1, 2);
                    batch.sale(minute, "DE", "VISA", "Books", "P-2001", PRODUCT_B, "25.00", 1, 1);
                    batch.sale(minute, "DE", "AMEX", "Electronics", "P-1003", PRODUCT_C, "15.00", 1, 3);
                    batch.order(minute, "US", "AMEX", TestDb.Line.of("Electronics", "P-1003", PRODUCT_C, "15.00", 1),
                            TestDb.Line.of("Books", "P-2002", "Cookbook", "5.00", 1));
                }
                batch.rejects(half == 0 ? 2 : 1, half == 0 ? 1 : 0)
                        .committedAt(Instant.parse(half == 0 ? "2024-03-01T10:04:30Z" : "2024-03-01T10:09:30Z"))
                        .commit();
            }
        }
    }
}
