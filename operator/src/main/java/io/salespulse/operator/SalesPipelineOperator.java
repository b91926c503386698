package io.salespulse.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.salespulse.operator.metrics.ReconcileMetrics;
import io.salespulse.operator.reconcile.SalesPipelineReconciler;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the JOSDK operator with the SalesPipeline controller; used by {@link OperatorMain} and by the tests. */
public final class SalesPipelineOperator {

    private static final Logger LOG = LoggerFactory.getLogger(SalesPipelineOperator.class);
    private static volatile boolean stopping;

    private SalesPipelineOperator() {
    }

    /** Called by the shutdown hook before the operator stops: losing the lease from now on is expected. */
    public static void stopping() {
        stopping = true;
    }

    private static void stoppedLeading() {
        if (!stopping) {
            LOG.error("lost leadership while running: halting so that another replica takes over");
            Runtime.getRuntime().halt(1);
        }
    }

    public static Operator create(KubernetesClient client, OperatorSettings settings, ReconcileMetrics metrics) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(metrics)
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    // The status this operator wrote is cached until the informer has it (PrimaryUpdateAndCacheUtils);
                    // comparing resourceVersions keeps an older event (e.g. of the finalizer patch) from replacing
                    // it. etcd's resourceVersions are numbers; JOSDK falls back to "not newer" if one is not.
                    .withParseResourceVersions(true)
                    // The CRD is installed by the Helm chart; the operator only needs to read it.
                    .checkingCRDAndValidateLocalModel(false);
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
                        .withLeaseNamespace(settings.leaseNamespace())
                        .withIdentity(Optional.ofNullable(System.getenv("POD_NAME")).orElse(System.getenv("HOSTNAME")))
                        // JOSDK's default exits the JVM when leadership stops, also during a graceful stop, where
                        // System.exit inside the shutdown hook blocks forever (seen in the Helm install test): the
                        // pod then only dies at the end of its grace period and the Lease waits to expire. Instead,
                        // halt only when leadership is lost while running, so Kubernetes restarts a follower.
                        .withExitOnStopLeading(false)
                        .withLeaderCallbacks(new LeaderCallbacks(() -> { }, SalesPipelineOperator::stoppedLeading, id -> { }))
                        .build());
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
