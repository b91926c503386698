package io.salespulse.operator.kube;

/** Names of a pipeline's Kubernetes children (the validator keeps pipeline names short enough for all). */
public final class ChildNames {

    private ChildNames() {
    }

    public static String sparkServiceAccount(String pipeline) {
        return pipeline + "-spark";
    }

    public static String jobConfig(String pipeline) {
        return pipeline + "-job-config";
    }

    public static String checkpointClaim(String pipeline) {
        return pipeline + "-checkpoint";
    }

    public static String streamingJob(String pipeline) {
        return pipeline + "-streaming-job";
    }

    public static String dashboard(String pipeline) {
        return pipeline + "-dashboard";
    }

    public static String simulator(String pipeline) {
        return pipeline + "-simulator";
    }
}
