package org.megbox.api.inference;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** A handle to a loaded model. Close it when done; the session is shared with other handles of the same model. */
@ProviderType
public interface InferenceModel extends AutoCloseable {

    String name();

    /** SHA-256 (hex) of the model bytes. */
    String sha256();

    /** Input names with their declared shapes (-1 = any size). */
    Map<String, long[]> inputs();

    /** Output names with their declared shapes (-1 = any size). */
    Map<String, long[]> outputs();

    /**
     * Runs the model on float tensors and returns every float output by name.
     *
     * @throws InferenceException if an input is missing or has the wrong size, the handle is closed, or the
     *         runtime fails
     */
    Map<String, Tensor> run(Map<String, Tensor> inputs) throws InferenceException;

    /** Releases this handle. */
    @Override
    void close();
}
