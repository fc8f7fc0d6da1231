package org.megbox.faces.internal;

import java.util.List;
import java.util.Optional;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.faces.internal.Records.Descriptor;
import org.megbox.faces.internal.Records.FaceRecord;
import org.megbox.faces.internal.Records.ImageRecord;
import org.megbox.faces.internal.Records.Rect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes the stored photos again with a new embedder (a vendor installed a better one), on a thread of its own:
 * for every face whose descriptor is of another model, the original photo is analysed and the described face that
 * overlaps the stored box most gets the new descriptor. Then the library switches its index to the new embedder.
 * Until then the old embedder's index stays (queries of the new model get 104401, see
 * {@link FaceLibraryService#indexFor}); a face whose photo yields no described face keeps its old descriptor and is
 * not found by the new embedder (logged). When the pipeline's embedder changes again meanwhile, the job stops without
 * switching (the library starts one for the newer embedder).
 */
final class Redescriber {

    private static final Logger LOG = LoggerFactory.getLogger(Redescriber.class);

    private final FaceLibraryService library;
    private final FaceStore store;
    private final FaceAnalysisService analysis;
    private final String modelId;
    private final int dimension;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int total = -1;
    private volatile int handled;

    Redescriber(FaceLibraryService library, FaceStore store, FaceAnalysisService analysis, String modelId,
            int dimension) {
        this.library = library;
        this.store = store;
        this.analysis = analysis;
        this.modelId = modelId;
        this.dimension = dimension;
        this.thread = new Thread(this::run, "megbox-faces-redescribe");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the thread to stop after the face in hand (never by interrupt: that would close MapDB's channel). */
    void stop() {
        stopped = true;
    }

    /** The embedder the faces are being described for. */
    String modelId() {
        return modelId;
    }

    /** "n of m faces" for error answers. */
    String progress() {
        int t = total;
        return t < 0 ? "starting" : handled + " of " + t + " faces";
    }

    boolean uses(FaceAnalysisService service) {
        return analysis == service;
    }

    boolean stopped() {
        return stopped;
    }

    void awaitStop(long millis) {
        stop();
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        LOG.info("describing the stored faces again with {}", modelId);
        List<FaceRecord> faces = store.faces();
        total = faces.size();
        int done = 0;
        int lost = 0;
        for (FaceRecord face : faces) {
            if (stopped) {
                return;
            }
            handled++;
            Optional<Descriptor> old = store.descriptor(face.key());
            if (old.isPresent() && old.get().modelId().equals(modelId)) {
                continue;
            }
            try {
                Optional<float[]> v = describe(face);
                if (!stillInUse()) {
                    // the vector may be of the newer embedder: not stored under this one's id
                    LOG.info("embedder changed from {} while describing the faces again; stopped", modelId);
                    stop();
                    library.follow();
                    return;
                }
                if (v.isPresent() && v.get().length == dimension && store.putDescriptor(face.key(), new Descriptor(modelId, v.get()))) {
                    done++;
                } else {
                    lost++;
                    LOG.warn("face {}: no described face in its photo for {}", face.faceToken(), modelId);
                }
            } catch (RuntimeException e) {
                lost++;
                LOG.warn("face {}: not described again: {}", face.faceToken(), e.toString());
            }
        }
        if (library.redescribed(this, modelId, dimension)) {
            LOG.info("faces described again with {}: {}, without a match: {}", modelId, done, lost);
        }
    }

    private boolean stillInUse() {
        try {
            return modelId.equals(analysis.embedderId());
        } catch (RuntimeException noEmbedder) {
            return false;
        }
    }

    private Optional<float[]> describe(FaceRecord face) {
        Optional<ImageRecord> image = store.image(face.imageId());
        if (image.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = store.files().read(store.files().image(image.get().imageId(), image.get().format()));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        UploadedImage photo = UploadedImage.check("image", bytes.get());
        AnalyzedFace best = null;
        double bestOverlap = 0.3;
        for (AnalyzedFace f : analysis.analyze(photo.frame())) {
            if (f.description().isEmpty()) {
                continue;
            }
            double o = overlap(face.rect(), FaceLibraryService.rect(f.face().box(), photo.width(), photo.height()));
            if (o > bestOverlap) {
                best = f;
                bestOverlap = o;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.description().get().descriptor());
    }

    /** Intersection over union of two boxes. */
    static double overlap(Rect a, Rect b) {
        double iw = Math.max(0, Math.min(a.right(), b.right()) - Math.max(a.left(), b.left()));
        double ih = Math.max(0, Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top()));
        double inter = iw * ih;
        double union = (double) (a.right() - a.left()) * (a.bottom() - a.top())
                + (double) (b.right() - b.left()) * (b.bottom() - b.top()) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
