package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A user name and password kept in a Secret of the pipeline's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretCredentialsRef {

    @Required
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of a Secret in the SalesPipeline's namespace.")
    public String name;

    @Default("username")
    @Pattern(Patterns.SECRET_KEY)
    @JsonPropertyDescription("Key of the Secret that holds the user name (default username).")
    public String usernameKey = "username";

    @Default("password")
    @Pattern(Patterns.SECRET_KEY)
    @JsonPropertyDescription("Key of the Secret that holds the password (default password).")
    public String passwordKey = "password";

    public SecretCredentialsRef() {
    }

    public SecretCredentialsRef(String name) {
        this.name = name;
    }
}
