package org.megbox.delivery;

/**
 * How the outbox retries a receiver's failed delivery. With {@code untilDelivered} it retries the same event until it
 * is acknowledged, waiting {@code intervalMillis} doubled after each failure up to {@code maxBackoffMillis} (order
 * is kept, so later events wait); otherwise it retries {@code resend} times {@code intervalMillis} apart, then drops
 * the event and counts it.
 */
public record RetryPolicy(int resend, long intervalMillis, boolean untilDelivered, long maxBackoffMillis) {

    public RetryPolicy {
        if (resend < 0 || intervalMillis < 0 || maxBackoffMillis < 0) {
            throw new IllegalArgumentException("negative retry policy " + resend + "/" + intervalMillis);
        }
    }

    /** Spec §4.1.3 WebSocket alerts: {@code alertResend} tries {@code alertInterval} seconds apart, then dropped. */
    public static RetryPolicy resend(int times, long intervalMillis) {
        return new RetryPolicy(times, intervalMillis, false, intervalMillis);
    }

    /** Retried until delivered, backing off from {@code intervalMillis} to {@code maxBackoffMillis}. */
    public static RetryPolicy untilDelivered(long intervalMillis, long maxBackoffMillis) {
        return new RetryPolicy(0, intervalMillis, true, maxBackoffMillis);
    }
}
