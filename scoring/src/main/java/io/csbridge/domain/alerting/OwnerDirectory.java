package io.csbridge.domain.alerting;

import java.util.Optional;

/**
 * Where an account owner's e-mail address comes from when the CRM names the owner by its own user id
 * (a Salesforce User Id, {@code 005...}): the CRM's user directory. Alerts use it to mention owners in
 * Slack without an explicit {@code alerting.owner-slack-ids} mapping.
 */
public interface OwnerDirectory {

    /** No directory: owners named by a CRM id are named, not mentioned, unless mapped. */
    OwnerDirectory NONE = new OwnerDirectory() {
        @Override
        public boolean knows(String ownerId) {
            return false;
        }

        @Override
        public Optional<String> emailOf(String ownerId) {
            return Optional.empty();
        }
    };

    /** Whether {@code ownerId} is one of this directory's user ids. */
    boolean knows(String ownerId);

    /**
     * The e-mail address the CRM has for the user.
     *
     * @return empty when the CRM has no such user (or the user has no address)
     * @throws Unavailable when the CRM cannot be asked now (sandbox mode, API reserve, outage): ask later
     */
    Optional<String> emailOf(String ownerId) throws Unavailable;

    /** The CRM cannot answer now; nothing is known either way. */
    final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
