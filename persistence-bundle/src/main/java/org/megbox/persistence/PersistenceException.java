package org.megbox.persistence;

/**
 * The database could not do what was asked (I/O failure, corrupt or newer file, closed database), or a
 * transaction's work threw a checked exception, which is the cause.
 */
public class PersistenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PersistenceException(String message) {
        super(message);
    }

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
