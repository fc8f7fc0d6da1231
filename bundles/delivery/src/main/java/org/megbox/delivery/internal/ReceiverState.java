package org.megbox.delivery.internal;

/**
 * What the outbox keeps per receiver in the database: the id of the last event it is done with (delivered, or
 * dropped) and the counters. Written in one commit after each delivery, so a restart resumes after it.
 */
public record ReceiverState(long cursor, long sent, long retried, long dropped) {

    static final ReceiverState NEW = new ReceiverState(0, 0, 0, 0);
}
