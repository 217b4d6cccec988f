package io.csbridge.webhooks.slack;

import io.csbridge.webhooks.testing.TestPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class AccountHealthLookupTest {

    final TestPipeline pipeline = new TestPipeline(Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC));
    final AccountHealthLookup lookup = new AccountHealthLookup(pipeline.database().dataSource());

    {
        ScoredAccounts.seed(pipeline);
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    AccountHealth found(String text) throws SQLException {
        var result = lookup.find(text);
        assertThat(result).as(text).isInstanceOf(AccountHealthLookup.Found.class);
        return ((AccountHealthLookup.Found) result).health();
    }

    @Test
    void anAccountIsFoundByItsWebDomainInAnyForm() throws SQLException {
        for (String text : new String[]{"acme.com", "ACME.com", "https://www.acme.com/pricing", "jane@acme.com"}) {
            assertThat(found(text).accountId()).isEqualTo("001Dn00000ACMEAAA");
        }
    }

    @Test
    void anAccountIsFoundByAnyOfItsKeys() throws SQLException {
        assertThat(found("9001").accountId()).isEqualTo("001Dn00000ACMEAAA");
        assertThat(found("acorn-1").name()).isEqualTo("Acorn Labs");
    }

    @Test
    void anAccountIsFoundByItsNameOrPartOfIt() throws SQLException {
        assertThat(found("acme corp").accountId()).isEqualTo("001Dn00000ACMEAAA");
        assertThat(found("Acorn").accountId()).isEqualTo("acorn-1");
    }

    @Test
    void theScoreComesWithTrendAndDriversLargestFirst() throws SQLException {
        AccountHealth acme = found("acme.com");
        assertThat(acme.healthScore()).isEqualTo(38);
        assertThat(acme.band()).isEqualTo("Red");
        assertThat(acme.trend()).isEqualTo(-12);
        assertThat(acme.domains()).containsExactly("acme.com");
        assertThat(acme.drivers()).extracting(AccountHealth.Driver::measure).containsExactly("Product usage", "NPS", "Support", "Seats");
        assertThat(acme.asOf()).isEqualTo(ScoredAccounts.AS_OF);
    }

    @Test
    void severalNameMatchesAreListedNotGuessed() throws SQLException {
        var result = lookup.find("acme");
        assertThat(result).isInstanceOfSatisfying(AccountHealthLookup.Ambiguous.class, a -> {
            assertThat(a.names()).containsExactly("Acme Corp", "Acme Europe <GmbH>");
            assertThat(a.more()).isFalse();
        });
    }

    @Test
    void anAccountNotScoredYetIsFoundWithoutAScore() throws SQLException {
        AccountHealth newco = found("newco.com");
        assertThat(newco.scored()).isFalse();
        assertThat(newco.name()).isEqualTo("newco.com");
    }

    @Test
    void nothingMatchingIsNotFound() throws SQLException {
        assertThat(lookup.find("globex")).isInstanceOf(AccountHealthLookup.NotFound.class);
        assertThat(lookup.find("%")).isInstanceOf(AccountHealthLookup.NotFound.class);
        assertThat(lookup.find("_")).isInstanceOf(AccountHealthLookup.NotFound.class);
        assertThat(lookup.find("   ")).isInstanceOf(AccountHealthLookup.NotFound.class);
    }
}
