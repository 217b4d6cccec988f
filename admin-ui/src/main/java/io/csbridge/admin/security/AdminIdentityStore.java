package io.csbridge.admin.security;

import io.csbridge.app.users.AdminAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Checks a username and password against CS Bridge's user table (bcrypt). */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    @Inject
    AdminAccounts users;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        var user = users.find(credential.getCaller());
        if (user.isPresent() && PasswordHash.matches(credential.getPassword().getValue(), user.get().passwordHash())) {
            return new CredentialValidationResult(user.get().username(), user.get().roles());
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
