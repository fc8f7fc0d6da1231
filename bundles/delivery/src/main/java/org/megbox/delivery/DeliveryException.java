package org.megbox.delivery;

/** A delivery the receiver did not acknowledge (no connection, timeout, error answer); the message says why. */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
