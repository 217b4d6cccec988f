package io.csbridge.outbox;

/** A request a connector makes (or, in sandbox mode, would have made). Never carries credentials. */
public record VendorCall(String method, String url, String body) {
}
