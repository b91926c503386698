package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class PreviousRunExecutorsTest {

    @Test
    void selectsThePipelinesExecutorsByTheirConfiguredLabelsAndSparksRole() {
        SparkConf conf = new SparkConf(false)
                .set("spark.kubernetes.executor.label.app.kubernetes.io/instance", "shop")
                .set("spark.kubernetes.executor.label.app.kubernetes.io/component", "spark-executor")
                .set("spark.kubernetes.driver.label.app.kubernetes.io/instance", "ignored");
        assertThat(PreviousRunExecutors.selector(conf)).containsExactly(
                org.assertj.core.api.Assertions.entry("app.kubernetes.io/component", "spark-executor"),
                org.assertj.core.api.Assertions.entry("app.kubernetes.io/instance", "shop"),
                org.assertj.core.api.Assertions.entry("spark-role", "executor"));
    }

    @Test
    void withoutExecutorLabelsNothingIsSelected() {
        // spark-role alone would match every Spark application's executors in the namespace.
        assertThat(PreviousRunExecutors.selector(new SparkConf(false))).isEmpty();
    }
}
