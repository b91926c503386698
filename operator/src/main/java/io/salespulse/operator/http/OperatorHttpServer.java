package io.salespulse.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator's HTTP endpoints: /metrics (Prometheus text), /healthz (liveness: the watches are healthy) and
 * /readyz (readiness: the operator has started and its store clients are loaded; a standby replica waiting for the
 * leader lease is ready too).
 */
public final class OperatorHttpServer implements AutoCloseable {

    private final HttpServer server;

    public OperatorHttpServer(int port, Operator operator, PrometheusRegistry registry) throws IOException {
        this(port, operator, registry, () -> true);
    }

    public OperatorHttpServer(int port, Operator operator, PrometheusRegistry registry,
                              java.util.function.BooleanSupplier warmedUp) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "operator-http");
            t.setDaemon(true);
            return t;
        }));
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        server.createContext("/metrics", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writer.write(body, registry.scrape());
            send(exchange, 200, writer.getContentType(), body.toByteArray());
        });
        server.createContext("/healthz", exchange -> {
            boolean healthy = operator.getRuntimeInfo().allEventSourcesAreHealthy();
            send(exchange, healthy ? 200 : 503, "text/plain", (healthy ? "ok" : "unhealthy event sources: "
                    + operator.getRuntimeInfo().unhealthyEventSources().keySet()).getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/readyz", exchange -> {
            boolean started = operator.getRuntimeInfo().isStarted() && warmedUp.getAsBoolean();
            send(exchange, started ? 200 : 503, "text/plain",
                    (started ? "ok" : "starting").getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
