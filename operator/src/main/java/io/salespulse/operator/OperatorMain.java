package io.salespulse.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.salespulse.operator.external.ClientWarmUp;
import io.salespulse.operator.http.OperatorHttpServer;
import io.salespulse.operator.metrics.ReconcileMetrics;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator process: reads its settings from the environment, serves metrics and probes, reconciles. */
public final class OperatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {
    }

    public static void main(String[] args) throws Exception {
        OperatorSettings settings = OperatorSettings.fromEnv(System.getenv());
        KubernetesClient client = new KubernetesClientBuilder().build();
        ReconcileMetrics metrics = new ReconcileMetrics();
        Operator operator = SalesPipelineOperator.create(client, settings, metrics);
        // Alongside the informers' first sync, not before it: neither waits for the other.
        CompletableFuture<Void> warmUp = ClientWarmUp.start(settings.externalTimeout());
        OperatorHttpServer http = settings.httpPort() > 0
                ? new OperatorHttpServer(settings.httpPort(), operator, metrics.registry(), warmUp::isDone) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SalesPipelineOperator.stopping();
            operator.stop();
            io.salespulse.operator.external.ExternalClients.closeAll();
            if (http != null) {
                http.close();
            }
            client.close();
        }, "shutdown"));
        operator.start();
        LOG.info("SalesPipeline operator started: namespaces={}, leaderElection={}, http port {}",
                settings.namespaces().isEmpty() ? "all" : settings.namespaces(), settings.leaderElection(),
                settings.httpPort());
        Thread.currentThread().join();
    }

}
