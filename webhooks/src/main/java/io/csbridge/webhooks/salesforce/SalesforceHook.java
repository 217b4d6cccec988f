package io.csbridge.webhooks.salesforce;

import io.csbridge.translation.salesforce.SalesforceFields;

import io.csbridge.app.intake.EventIntake;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.security.OutboundMessageCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /hooks/salesforce?token=T}: Salesforce Outbound Messages (SOAP 1.1) for Account and
 * Opportunity. Answers the {@code Ack true} envelope only once every notification is committed;
 * anything else makes Salesforce retry. Setup: {@code deploy/salesforce/outbound-messages/README.md}.
 */
@Path("salesforce")
@ApplicationScoped
public class SalesforceHook {

    /** The only answer Salesforce takes as delivered. */
    public static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse>"
            + "</soapenv:Body></soapenv:Envelope>";

    @Inject
    EventIntake intake;

    @Inject
    Clock clock;

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "salesforce.outbound-token")
    Optional<String> token;

    @Inject
    @ConfigProperty(name = "salesforce.org-id")
    Optional<String> organizationId;

    @POST
    public Response receive(@QueryParam("token") String givenToken, @Context HttpServletRequest request) throws IOException {
        RawBody body = RawBody.read(request.getInputStream(), request.getContentLengthLong());
        var credentials = new OutboundMessageCredentials(token.orElse(null), organizationId.orElse(null));
        credentials.verifyToken(givenToken);
        OutboundMessage message = new OutboundMessageReader().read(body.utf8());
        credentials.verifyOrganization(message.organizationId());
        var fields = SalesforceFields.from(name -> config.getOptionalValue(name, String.class));
        var entries = new OutboundMessageTranslator(fields, clock).translate(message);
        intake.accept(entries);
        return Response.ok(ACK, "text/xml; charset=utf-8").build();
    }
}
