/**
 * What a vendor's record means, written once and used by both doors it arrives through: the webhooks
 * (a delivery) and the backfill and reconciliation readers in the connectors (an export or a query).
 * Both give the same signals with the same dedupe keys, so a record read twice counts once.
 */
package io.csbridge.translation;
