package io.salespulse.job;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the executor pods an earlier run of this driver left behind, before Spark asks for new ones.
 *
 * <p>Spark deletes its executors only when the driver stops cleanly (KubernetesClusterSchedulerBackend.stop, with
 * spark.kubernetes.executor.deleteOnTermination); on start it only waits for its own pod and subscribes to executor
 * snapshots (ExecutorPodsAllocator.start). Executor pods are owned by the driver POD, so when only the driver's
 * container dies (OOM kill, liveness kill, {@code docker kill}) and the kubelet restarts it in the same pod, the old
 * executors stay: failed ones for good, and under the same names ({@code <prefix>-exec-<n>}) that the new run wants.
 *
 * <p>The driver runs from a Deployment with the Recreate strategy: when it starts, no other driver of this pipeline
 * runs, so every executor pod carrying this driver's executor labels ({@code spark.kubernetes.executor.label.*},
 * which name the pipeline) belongs to an earlier run. Uses only what the driver's Role already grants (pods: list,
 * delete). Call it only on a Kubernetes master: local runs have no Kubernetes client on their classpath.
 */
final class PreviousRunExecutors {

    private static final Logger LOG = LoggerFactory.getLogger(PreviousRunExecutors.class);
    private static final String LABEL_PREFIX = "spark.kubernetes.executor.label.";
    /** Spark's own label on executor pods. */
    private static final String SPARK_ROLE = "spark-role";
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(60);

    private PreviousRunExecutors() {
    }

    /** The labels every executor of this pipeline carries (empty: none configured, so nothing can be told apart). */
    static Map<String, String> selector(SparkConf conf) {
        Map<String, String> labels = new TreeMap<>();
        for (scala.Tuple2<String, String> entry : conf.getAllWithPrefix(LABEL_PREFIX)) {
            labels.put(entry._1(), entry._2());
        }
        if (labels.isEmpty()) {
            return labels;
        }
        labels.put(SPARK_ROLE, "executor");
        return labels;
    }

    static void remove(SparkConf conf) {
        Map<String, String> labels = selector(conf);
        String namespace = conf.get("spark.kubernetes.namespace", "");
        if (labels.isEmpty() || namespace.isEmpty()) {
            LOG.warn("no {}* labels or spark.kubernetes.namespace: executors of an earlier run cannot be found",
                    LABEL_PREFIX);
            return;
        }
        // The pod's service account, as Spark's own client uses it.
        try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build()) {
            var pods = client.pods().inNamespace(namespace).withLabels(labels);
            var left = pods.list().getItems();
            if (left.isEmpty()) {
                return;
            }
            LOG.info("removing {} executor pods of an earlier run ({}): {}", left.size(), labels,
                    left.stream().map(p -> p.getMetadata().getName() + " " + p.getStatus().getPhase()).toList());
            // Their driver is gone: nothing is left for them to finish.
            pods.withGracePeriod(0).delete();
            long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
            while (!pods.list().getItems().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("executor pods of an earlier run still listed after {} s", GONE_TIMEOUT.toSeconds());
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Not fatal: Spark still starts, with new executor ids where a name is taken.
            LOG.warn("could not remove executor pods of an earlier run: {}", e.toString());
        }
    }
}
