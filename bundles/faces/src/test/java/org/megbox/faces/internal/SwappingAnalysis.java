package org.megbox.faces.internal;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.AnalyzedFace;

/**
 * The face pipeline's behaviour for the library's tests: one analysis service whose embedder can be swapped behind
 * it (as DefaultFaceAnalysis' greedy reference does when a vendor registers a higher-ranked FaceEmbedder).
 * {@code redescribeGate}, when set, holds only the library's re-description thread.
 */
final class SwappingAnalysis extends StubAnalysis {

    private volatile StubAnalysis current;
    volatile CountDownLatch redescribeGate;

    SwappingAnalysis(StubAnalysis first) {
        super("swapping");
        this.current = first;
    }

    void use(StubAnalysis embedder) {
        current = embedder;
    }

    @Override
    public String embedderId() {
        return current.embedderId();
    }

    @Override
    public int dimension() {
        return current.dimension();
    }

    @Override
    public List<AnalyzedFace> analyze(Frame image) {
        StubAnalysis e = current;
        CountDownLatch g = redescribeGate;
        if (g != null && Thread.currentThread().getName().equals("megbox-faces-redescribe")) {
            try {
                g.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        return e.analyze(image);
    }
}
