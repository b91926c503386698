package io.salespulse.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.salespulse.operator.metrics.ReconcileMetrics;
import io.salespulse.operator.reconcile.SalesPipelineReconciler;
import java.util.Optional;

/** Builds the JOSDK operator with the SalesPipeline controller; used by {@link OperatorMain} and by the tests. */
public final class SalesPipelineOperator {

    public static final String LEASE_NAME = "salespulse-operator-leader";

    private SalesPipelineOperator() {
    }

    public static Operator create(KubernetesClient client, OperatorSettings settings, ReconcileMetrics metrics) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(metrics)
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    // The CRD is installed by the Helm chart; the operator only needs to read it.
                    .checkingCRDAndValidateLocalModel(false);
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME,
                        settings.leaseNamespace(), Optional.ofNullable(System.getenv("POD_NAME"))
                        .orElse(System.getenv("HOSTNAME"))));
            }
        });
        operator.register(new SalesPipelineReconciler(settings, metrics), override -> {
            if (!settings.namespaces().isEmpty()) {
                override.settingNamespaces(settings.namespaces());
            }
        });
        return operator;
    }
}
