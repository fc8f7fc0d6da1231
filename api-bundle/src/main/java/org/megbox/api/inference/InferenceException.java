package org.megbox.api.inference;

/** A model could not be loaded or run. */
public class InferenceException extends Exception {

    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
