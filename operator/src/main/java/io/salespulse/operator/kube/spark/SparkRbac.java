package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.salespulse.operator.kube.ChildNames;

/**
 * The Spark driver's identity and rights: exactly what a client-mode driver needs to run its executors in its own
 * namespace: executor pods (create, watch, delete, and patch for its owner references) and the ConfigMap Spark
 * ships the executor configuration in. Nothing cluster-wide, no Secrets.
 */
final class SparkRbac {

    private static final String[] POD_VERBS = {"create", "get", "list", "watch", "delete", "deletecollection", "patch"};
    private static final String[] CONFIGMAP_VERBS = {"create", "get", "list", "watch", "delete", "deletecollection"};

    private SparkRbac() {
    }

    static ServiceAccount serviceAccount(String pipeline) {
        return new ServiceAccountBuilder().withNewMetadata().withName(ChildNames.sparkServiceAccount(pipeline))
                .endMetadata().withAutomountServiceAccountToken(true).build();
    }

    static Role role(String pipeline) {
        return new RoleBuilder().withNewMetadata().withName(ChildNames.sparkServiceAccount(pipeline)).endMetadata()
                .withRules(rule("pods", POD_VERBS), rule("configmaps", CONFIGMAP_VERBS))
                .build();
    }

    static RoleBinding roleBinding(String pipeline, String namespace) {
        String name = ChildNames.sparkServiceAccount(pipeline);
        return new RoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                .build();
    }

    private static PolicyRule rule(String resource, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups("").withResources(resource).withVerbs(verbs).build();
    }
}
