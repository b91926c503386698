package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Verified TLS to an external system: the server's certificate must chain to this CA and match the host name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @Required
    @JsonPropertyDescription("Secret in the SalesPipeline's namespace holding the CA certificate (PEM) that signed "
            + "the server certificates.")
    public CaSecretRef caSecretRef;

    /** The Secret and key of a PEM CA certificate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CaSecretRef {

        @Required
        @Pattern(Patterns.DNS_SUBDOMAIN)
        @JsonPropertyDescription("Name of the Secret.")
        public String name;

        @Default("ca.crt")
        @Pattern(Patterns.SECRET_KEY)
        @JsonPropertyDescription("Key of the Secret with the PEM CA certificate (default ca.crt).")
        public String key = "ca.crt";

        public CaSecretRef() {
        }

        public CaSecretRef(String name) {
            this.name = name;
        }
    }
}
