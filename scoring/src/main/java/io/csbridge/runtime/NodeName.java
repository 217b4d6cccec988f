package io.csbridge.runtime;

import org.eclipse.microprofile.config.Config;

/**
 * This node's name as the cluster sees it (the owner of a daily rescore, in logs): the transactions node
 * identifier each node is given ({@code -Djboss.tx.node.id=node-a}, see docs/OPERATIONS.md), else
 * WildFly's {@code jboss.node.name} (the host name unless set).
 */
public final class NodeName {

    private NodeName() {
    }

    public static String of(Config config) {
        return config.getOptionalValue("jboss.tx.node.id", String.class).filter(s -> !s.isBlank())
                .or(() -> config.getOptionalValue("jboss.node.name", String.class).filter(s -> !s.isBlank()))
                .orElse("csbridge");
    }
}
