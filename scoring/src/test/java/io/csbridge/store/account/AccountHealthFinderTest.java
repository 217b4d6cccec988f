package io.csbridge.store.account;

import io.csbridge.store.Database;

import io.csbridge.domain.account.AccountHealth;
import io.csbridge.domain.account.HealthLookup;
import io.csbridge.testing.ScoredAccounts;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /health} look-up on the real schema (H2 here, PostgreSQL when DB_URL is set). */
class AccountHealthFinderTest {

    final Database database = TestDatabase.fresh();
    final AccountHealthFinder lookup = new AccountHealthFinder(database.dataSource());

    {
        ScoredAccounts.seed(database);
    }

    AccountHealth found(String text) {
        var result = lookup.find(text);
        assertThat(result).as(text).isInstanceOf(HealthLookup.Found.class);
        return ((HealthLookup.Found) result).health();
    }

    @Test
    void anAccountIsFoundByItsWebDomainInAnyForm() {
        for (String text : new String[]{"acme.com", "ACME.com", "https://www.acme.com/pricing", "jane@acme.com"}) {
            assertThat(found(text).accountId()).isEqualTo("001Dn00000ACMEAAA");
        }
    }

    @Test
    void anAccountIsFoundByAnyOfItsKeys() {
        assertThat(found("9001").accountId()).isEqualTo("001Dn00000ACMEAAA");
        assertThat(found("acorn-1").name()).isEqualTo("Acorn Labs");
    }

    @Test
    void anAccountIsFoundByItsNameOrPartOfIt() {
        assertThat(found("acme corp").accountId()).isEqualTo("001Dn00000ACMEAAA");
        assertThat(found("Acorn").accountId()).isEqualTo("acorn-1");
    }

    @Test
    void theScoreComesWithTrendAndDriversLargestFirst() {
        AccountHealth acme = found("acme.com");
        assertThat(acme.healthScore()).isEqualTo(38);
        assertThat(acme.band()).isEqualTo("Red");
        assertThat(acme.trend()).isEqualTo(-12);
        assertThat(acme.domains()).containsExactly("acme.com");
        assertThat(acme.drivers()).extracting(AccountHealth.Driver::measure).containsExactly("Product usage", "NPS", "Support", "Seats");
        assertThat(acme.asOf()).isEqualTo(ScoredAccounts.AS_OF);
    }

    @Test
    void severalNameMatchesAreListedNotGuessed() {
        var result = lookup.find("acme");
        assertThat(result).isInstanceOfSatisfying(HealthLookup.Ambiguous.class, a -> {
            assertThat(a.names()).containsExactly("Acme Corp", "Acme Europe <GmbH>");
            assertThat(a.more()).isFalse();
        });
    }

    @Test
    void anAccountNotScoredYetIsFoundWithoutAScore() {
        AccountHealth newco = found("newco.com");
        assertThat(newco.scored()).isFalse();
        assertThat(newco.name()).isEqualTo("newco.com");
    }

    @Test
    void nothingMatchingIsNotFound() {
        assertThat(lookup.find("globex")).isInstanceOf(HealthLookup.NotFound.class);
        assertThat(lookup.find("%")).isInstanceOf(HealthLookup.NotFound.class);
        assertThat(lookup.find("_")).isInstanceOf(HealthLookup.NotFound.class);
        assertThat(lookup.find("   ")).isInstanceOf(HealthLookup.NotFound.class);
    }
}
