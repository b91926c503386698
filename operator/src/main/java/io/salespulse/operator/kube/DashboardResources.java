package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.salespulse.crds.v1alpha1.DashboardSpec;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.external.MysqlDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's Deployment, Service and Ingress. Its datasource and sign-in settings come from Secrets as
 * secretKeyRef variables. Health and metrics are served on a separate management port that the Ingress never routes
 * to: the probes, the Service's "management" port and Prometheus use it.
 */
final class DashboardResources {

    static final String COMPONENT = "dashboard";
    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    /** The image's user (dashboard/Dockerfile). */
    static final long DASHBOARD_UID = 10001;
    static final String MYSQL_TRUST_MOUNT = "/etc/salespulse/mysql-trust";
    /** Key and file name of the MySQL CA trust store in the job ConfigMap (SparkJobConfig). */
    static final String MYSQL_TRUST_STORE = "mysql-ca.p12";

    private DashboardResources() {
    }

    static Deployment deployment(String pipeline, SalesPipelineSpec spec) {
        DashboardSpec dashboard = spec.dashboard;
        var labels = ChildLabels.selector(pipeline, COMPONENT);
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>();
        env.add(EnvVars.value("QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT)));
        env.add(EnvVars.value("QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT)));
        // Parsed and rebuilt (no local infile, allowed parameters only); verified TLS from the job ConfigMap's trust store.
        env.add(EnvVars.value("QUARKUS_DATASOURCE_JDBC_URL", MysqlDatabases.url(spec.mysql,
                spec.mysql.tls == null ? null : "file:" + MYSQL_TRUST_MOUNT + "/" + MYSQL_TRUST_STORE)));
        // the dashboard's own read-mostly user when given, else the job's
        env.addAll(EnvVars.credentials("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                dashboard.databaseCredentialsSecretRef != null ? dashboard.databaseCredentialsSecretRef
                        : spec.mysql.credentialsSecretRef));
        env.add(EnvVars.secretKey("SALESPULSE_DASHBOARD_USERS", dashboard.authSecretRef.name,
                dashboard.authSecretRef.usersKey));
        env.add(EnvVars.secretKey("SALESPULSE_DASHBOARD_SESSION_ENCRYPTION_KEY", dashboard.authSecretRef.name,
                dashboard.authSecretRef.sessionKeyKey));
        env.add(EnvVars.optionalSecretKey("SALESPULSE_DASHBOARD_API_TOKENS", dashboard.authSecretRef.name,
                dashboard.authSecretRef.apiTokensKey));
        if (dashboard.ingress != null && dashboard.ingress.tlsSecretName != null) {
            // https for users: Secure cookies and HSTS, although TLS ends at the ingress controller
            env.add(EnvVars.value("SALESPULSE_DASHBOARD_PUBLIC_URL", "https://" + dashboard.ingress.host + "/"));
            env.add(EnvVars.value("QUARKUS_REST_CSRF_COOKIE_FORCE_SECURE", "true"));
        }
        if (dashboard.trustedProxies != null && !dashboard.trustedProxies.isEmpty()) {
            env.add(EnvVars.value("SALESPULSE_DASHBOARD_SIGN_IN_TRUSTED_PROXIES", String.join(",", dashboard.trustedProxies)));
        }
        return new DeploymentBuilder()
                .withNewMetadata().withName(ChildNames.dashboard(pipeline)).endMetadata()
                .withNewSpec()
                .withReplicas(dashboard.replicas)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels)
                .addToAnnotations("prometheus.io/scrape", "true")
                .addToAnnotations("prometheus.io/port", String.valueOf(MANAGEMENT_PORT))
                .addToAnnotations("prometheus.io/path", "/q/metrics")
                .endMetadata()
                .withNewSpec()
                .withSecurityContext(PodSecurity.pod(DASHBOARD_UID))
                .withImagePullSecrets(PodSecurity.pullSecrets(spec))
                .withAutomountServiceAccountToken(false)
                .withVolumes(volumes(pipeline, spec))
                .addNewContainer()
                .withName("dashboard")
                .withImage(dashboard.image)
                .withImagePullPolicy(dashboard.imagePullPolicy.name())
                .addNewPort().withName("http").withProtocol("TCP").withContainerPort(HTTP_PORT).endPort()
                .addNewPort().withName("management").withProtocol("TCP").withContainerPort(MANAGEMENT_PORT).endPort()
                .withEnv(env)
                .withStartupProbe(probe("/q/health/started", 30))
                .withLivenessProbe(probe("/q/health/live", 3))
                .withReadinessProbe(probe("/q/health/ready", 3))
                .withResources(dashboard.resources != null ? dashboard.resources : defaultResources())
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(mounts(spec))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** /tmp for Quarkus and Vert.x scratch files on the read-only root; the MySQL trust store under spec.mysql.tls. */
    private static List<io.fabric8.kubernetes.api.model.Volume> volumes(String pipeline, SalesPipelineSpec spec) {
        List<io.fabric8.kubernetes.api.model.Volume> volumes = new ArrayList<>();
        volumes.add(PodSecurity.scratchVolume("tmp"));
        if (spec.mysql.tls != null) {
            volumes.add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("mysql-trust").withNewConfigMap()
                    .withName(ChildNames.jobConfig(pipeline)).addNewItem().withKey(MYSQL_TRUST_STORE)
                    .withPath(MYSQL_TRUST_STORE).endItem().endConfigMap().build());
        }
        return volumes;
    }

    private static List<io.fabric8.kubernetes.api.model.VolumeMount> mounts(SalesPipelineSpec spec) {
        List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>();
        mounts.add(PodSecurity.scratchMount("tmp", "/tmp"));
        if (spec.mysql.tls != null) {
            mounts.add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("mysql-trust")
                    .withMountPath(MYSQL_TRUST_MOUNT).withReadOnly(true).build());
        }
        return mounts;
    }

    static Service service(String pipeline) {
        return new ServiceBuilder().withNewMetadata().withName(ChildNames.dashboard(pipeline)).endMetadata()
                .withNewSpec()
                .withSelector(ChildLabels.selector(pipeline, COMPONENT))
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                // for Prometheus (a ServiceMonitor selects this port by name); the Ingress routes to "http" only
                .addNewPort().withName("management").withProtocol("TCP").withPort(MANAGEMENT_PORT)
                .withTargetPort(new IntOrString("management")).endPort()
                .endSpec()
                .build();
    }

    static Ingress ingress(String pipeline, DashboardSpec.IngressSpec spec) {
        var builder = new IngressBuilder().withNewMetadata().withName(ChildNames.dashboard(pipeline)).endMetadata()
                .withNewSpec()
                .withIngressClassName(spec.className)
                .addNewRule().withHost(spec.host).withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName(ChildNames.dashboard(pipeline)).withNewPort().withName("http").endPort()
                .endService().endBackend().endPath()
                .endHttp().endRule();
        if (spec.tlsSecretName != null) {
            builder.addNewTl().withHosts(spec.host).withSecretName(spec.tlsSecretName).endTl();
        }
        return builder.endSpec().build();
    }

    /** Where users open the dashboard: the Ingress host if there is one, else the Service inside the cluster. */
    static String url(String pipeline, String namespace, DashboardSpec spec) {
        if (spec.ingress != null) {
            return (spec.ingress.tlsSecretName != null ? "https://" : "http://") + spec.ingress.host + "/";
        }
        return "http://" + ChildNames.dashboard(pipeline) + "." + namespace + ".svc/";
    }

    private static Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder().withHttpGet(new HTTPGetActionBuilder().withPath(path)
                        .withPort(new IntOrString("management")).build())
                .withPeriodSeconds(5).withTimeoutSeconds(2).withFailureThreshold(failureThreshold).build();
    }

    private static ResourceRequirements defaultResources() {
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("memory", new Quantity("512Mi")))
                .build();
    }
}
