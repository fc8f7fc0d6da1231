package org.megbox.facepipeline.internal;

import java.net.URL;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.inference.InferenceModel;

/** A model shipped in this bundle, loaded through the inference engine on first use and closed with its owner. */
final class ModelHandle implements AutoCloseable {

    private final InferenceEngineService engine;
    private final String name;
    private final URL resource;
    private InferenceModel model;

    ModelHandle(InferenceEngineService engine, String name, URL resource) {
        this.engine = engine;
        this.name = name;
        this.resource = resource;
    }

    synchronized InferenceModel get() {
        if (model == null) {
            if (resource == null) {
                throw new IllegalStateException("the face pipeline bundle ships no models/" + name + ".onnx");
            }
            try {
                model = engine.load(name, resource);
            } catch (InferenceException e) {
                throw new IllegalStateException("cannot load models/" + name + ".onnx: " + e.getMessage(), e);
            }
        }
        return model;
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
