package io.csbridge.connectors.nudges;

import io.csbridge.vendors.NudgePushSignature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The product's push receiver ({@code nudges.webhook-url}, CONTRACT §7) as a MicroProfile Rest Client: one
 * signed JSON POST per due nudge. The answer is read raw, so its status and {@code Retry-After} decide the
 * outcome in one place ({@link NudgePushChannel}).
 */
@RegisterRestClient(configKey = "nudges-push")
public interface NudgeReceiverApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response push(@HeaderParam(NudgePushSignature.HEADER) String signature, byte[] body);
}
