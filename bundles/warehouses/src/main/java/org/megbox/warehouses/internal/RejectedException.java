package org.megbox.warehouses.internal;

/**
 * A warehouse jar the installer refused, with the human reason (it goes to the log, to Gogo and to the
 * REST answer). Nothing in the framework or the drop folder was left changed.
 */
public final class RejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RejectedException(String reason) {
        super(reason, null, false, false);
    }
}
