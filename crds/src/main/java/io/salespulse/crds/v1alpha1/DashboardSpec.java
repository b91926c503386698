package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The Quarkus dashboard. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DashboardSpec {

    @Required
    @Pattern(Patterns.IMAGE)
    @JsonPropertyDescription("Container image of the dashboard (dashboard module).")
    public String image;

    @Default("IfNotPresent")
    @JsonPropertyDescription("Image pull policy of the dashboard pods (default IfNotPresent).")
    public StreamingJobSpec.PullPolicy imagePullPolicy = StreamingJobSpec.PullPolicy.IfNotPresent;

    @Default("1")
    @Min(0)
    @Max(20)
    @JsonPropertyDescription("Number of dashboard pods (default 1).")
    public Integer replicas = 1;

    @Required
    @JsonPropertyDescription("Secret with the dashboard's sign-in users (name:bcrypt-hash pairs) and its session "
            + "encryption key.")
    public DashboardAuthSecretRef authSecretRef;

    @JsonPropertyDescription("Optional Ingress that exposes the dashboard on a host name.")
    public IngressSpec ingress;

    @JsonPropertyDescription("Secret with the dashboard's own MySQL user and password (keys username/password unless set "
            + "otherwise): SELECT on the database and INSERT, DELETE on dashboard_session_revocations only (see "
            + "docs/operator.md for the GRANT statements). Without it the dashboard uses spec.mysql's user, which can "
            + "change the schema.")
    public SecretCredentialsRef databaseCredentialsSecretRef;

    @JsonPropertyDescription("Addresses or CIDR blocks of the ingress controller pods: only from these is "
            + "X-Forwarded-For believed when the dashboard limits failed sign-ins per client address (the dashboard refuses "
            + "to start on a value that is not an IP address or CIDR block).")
    public java.util.List<String> trustedProxies;

    @JsonPropertyDescription("CPU/memory requests and limits of each dashboard container (default: requests 100m CPU "
            + "and 256Mi, limit 512Mi).")
    public ResourceRequirements resources;

    /** Where the dashboard's users and session key are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DashboardAuthSecretRef {

        @Required
        @Pattern(Patterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of a Secret in the SalesPipeline's namespace.")
        public String name;

        @Default("users")
        @Pattern(Patterns.SECRET_KEY)
        @JsonPropertyDescription("Key holding the users as comma-separated name:bcrypt-hash pairs (default users).")
        public String usersKey = "users";

        @Default("session-encryption-key")
        @Pattern(Patterns.SECRET_KEY)
        @JsonPropertyDescription("Key holding the session cookie encryption key, 16+ characters (default "
                + "session-encryption-key).")
        public String sessionKeyKey = "session-encryption-key";

        @Default("api-tokens")
        @Pattern(Patterns.SECRET_KEY)
        @JsonPropertyDescription("Optional key holding read-only API tokens as comma-separated name:sha256-hex pairs "
                + "(default api-tokens; absent key: no tokens).")
        public String apiTokensKey = "api-tokens";

        public DashboardAuthSecretRef() {
        }

        public DashboardAuthSecretRef(String name) {
            this.name = name;
        }
    }

    /** An Ingress in front of the dashboard's Service. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class IngressSpec {

        @Required
        @Pattern(Patterns.DNS_HOST)
        @JsonPropertyDescription("Host name the dashboard is served on, e.g. sales.example.com.")
        public String host;

        @JsonPropertyDescription("IngressClass to use (default: the cluster's default class).")
        public String className;

        @Pattern(Patterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Secret with the TLS certificate for host (type kubernetes.io/tls); when set the "
                + "dashboard URL is https.")
        public String tlsSecretName;
    }
}
