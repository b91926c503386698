import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live clients for the benchmark: opens N server-sent-event streams (as N browsers would), keeps them for the given
 * time and reports how many stayed connected, what they received and how long after each batch commit the pulse
 * arrived. Run with: java SseClients.java BASE_URL SESSION_COOKIE CLIENTS SECONDS
 */
public class SseClients {

    private static final Pattern LAST_COMMIT = Pattern.compile("\"lastCommitAt\":\"([^\"]+)\"");
    private static final String[] VIEWS = {"range=1h", "range=1h", "range=1h", "range=15m", "range=24h",
            "range=1h&country=US", "range=7d", "range=1h&cardType=VISA", "range=24h&category=Books", "range=1h"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String session = args[1];
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong snapshots = new AtomicLong();
        AtomicLong pulses = new AtomicLong();
        List<InputStream> streams = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch opened = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String view = VIEWS[i % VIEWS.length];
            Thread t = new Thread(() -> {
                try {
                    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/live?" + view))
                            .header("Cookie", "salespulse-session=" + session).header("Accept", "text/event-stream")
                            .build(), HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        failed.incrementAndGet();
                        opened.countDown();
                        return;
                    }
                    streams.add(response.body());
                    connected.incrementAndGet();
                    opened.countDown();
                    String event = "";
                    Instant lastCommit = null;
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (line.startsWith("event:")) {
                                event = line.substring(6).strip();
                            } else if (line.startsWith("data:")) {
                                if (event.equals("snapshot")) {
                                    snapshots.incrementAndGet();
                                } else if (event.equals("pulse")) {
                                    pulses.incrementAndGet();
                                    Matcher m = LAST_COMMIT.matcher(line);
                                    if (m.find()) {
                                        Instant commit = Instant.parse(m.group(1));
                                        if (lastCommit != null && commit.isAfter(lastCommit)) {
                                            latencies.add(Duration.between(commit, Instant.now()).toMillis());
                                        }
                                        lastCommit = commit;
                                    }
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    // closed at the end, or refused
                }
            }, "sse-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        opened.await();
        System.out.println("SSE connected=" + connected.get() + " refused=" + failed.get());
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        int stillOpen = (int) threads.stream().filter(Thread::isAlive).count();
        for (InputStream s : streams) {
            try {
                s.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("SSE still_open=%d pulses=%d snapshots=%d commit_to_client_p50_ms=%d p99_ms=%d max_ms=%d samples=%d%n",
                stillOpen, pulses.get(), snapshots.get(), pct(sorted, 50), pct(sorted, 99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), sorted.size());
    }

    private static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
