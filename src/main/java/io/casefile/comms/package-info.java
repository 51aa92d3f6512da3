/**
 * Communication from the casefile: status-update drafts (status, impact, what we know, what we
 * suspect, what we are doing, the next decision, the next update time), the update cadence per
 * severity with overdue reminders, delivery to webhooks (Slack incoming-webhook format and generic
 * JSON) with retries and idempotency keys, and postmortem markdown.
 */
package io.casefile.comms;
