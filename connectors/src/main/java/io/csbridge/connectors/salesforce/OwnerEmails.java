package io.csbridge.connectors.salesforce;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The e-mail addresses of Account owners (User Id to Email) as the backfill and reconciliation read them,
 * so an alert's owner lookup ({@link SalesforceUsers}) costs no API call for an owner already read.
 * Kept in memory on this node; a lookup of an owner not read yet asks the org.
 */
@ApplicationScoped
public class OwnerEmails {

    private final Map<String, String> byUserId = new ConcurrentHashMap<>();

    void remember(String userId, String email) {
        if (userId == null || userId.isBlank()) return;
        if (email == null || email.isBlank()) byUserId.remove(userId.trim());
        else byUserId.put(userId.trim(), email.trim());
    }

    Optional<String> of(String userId) {
        return Optional.ofNullable(byUserId.get(userId));
    }

    int size() {
        return byUserId.size();
    }
}
