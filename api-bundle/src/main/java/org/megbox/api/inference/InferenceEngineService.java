package org.megbox.api.inference;

import java.net.URL;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Loads models and runs them (in the spirit of Eclipse Kura's InferenceEngineService, but handle-based).
 *
 * <p>A model is identified by its name and the SHA-256 of its bytes: loading the same name and content twice
 * returns handles to one shared session; a different content under the same name (a warehouse update) gets a
 * session of its own. Every handle must be closed; the session goes when its last handle is closed.
 * Implementations are thread-safe; {@link InferenceModel#run} may be called from several threads at once and
 * is throttled to the engine's thread budget.
 */
@ProviderType
public interface InferenceEngineService {

    /** Loads an ONNX model from bytes (or reuses the session already loaded for the same name and content). */
    InferenceModel load(String name, byte[] model) throws InferenceException;

    /** Loads an ONNX model from a URL, e.g. {@code bundle.getEntry("models/nanodet.onnx")}. */
    InferenceModel load(String name, URL model) throws InferenceException;

    /** Threads one model run may use (intra-op parallelism). */
    int intraOpThreads();
}
