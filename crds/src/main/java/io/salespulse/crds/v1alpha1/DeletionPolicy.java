package io.salespulse.crds.v1alpha1;

/** What happens to topics and data outside Kubernetes when a SalesPipeline is deleted. */
public enum DeletionPolicy {
    /** Keep topics, tables and keyspace (the default: deleting a resource must not lose data by surprise). */
    Retain,
    /** Delete the topics, empty the MySQL database and drop the Cassandra keyspace. */
    Delete
}
