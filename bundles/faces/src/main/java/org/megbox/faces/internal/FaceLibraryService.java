package org.megbox.faces.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.api.face.FaceEmbedder;
import org.megbox.api.geometry.Box;
import org.megbox.faces.FaceLibrary;
import org.megbox.faces.internal.Records.Descriptor;
import org.megbox.faces.internal.Records.FaceRecord;
import org.megbox.faces.internal.Records.ImageRecord;
import org.megbox.faces.internal.Records.Rect;
import org.megbox.faces.internal.index.FaceIndex;
import org.megbox.persistence.Database;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face library: enrols photos through the {@link FaceAnalysisService} (largest face; quality gates; its
 * descriptor stored with the embedder's model id), deletes, searches and compares. The index holds the descriptors
 * of the library's current embedder; when the analysis service's embedder changes (bound with another one, or the
 * pipeline swapped its {@link FaceEmbedder} behind the same service), the stored photos are described again in
 * the background ({@link Redescriber}) and the index is rebuilt for it. The swap is noticed when a FaceEmbedder
 * service comes, goes or changes its ranking, and by a cheap check of {@code embedderId()} on every use.
 *
 * <p>Scores: the descriptors are unit vectors, their cosine similarity {@code c} is mapped to the spec's 0-100 scale
 * as {@code score = 100 * max(0, c)} (negative similarity is "nothing alike"; it is not rescaled, so a threshold
 * of 60 means cosine 0.6).
 */
@Component(service = {FaceLibrary.class, FaceLibraryService.class}, immediate = true)
public final class FaceLibraryService implements FaceLibrary {

    static final String PROP_DATA = "megbox.data";
    static final double CROP_PADDING = 0.2;
    /** Space kept free on the data folder's file system (the database and the events need it too). */
    static final long MIN_FREE_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FaceLibraryService.class);

    private final FaceStore store;
    private final Path root;
    private volatile LibraryIndex index;
    private volatile FaceAnalysisService analysis;
    private volatile Redescriber redescriber;
    /** Photos of batch imports not enrolled yet. */
    private final AtomicInteger batchPending = new AtomicInteger();
    /** Checks the embedder after FaceEmbedder events, off the framework's event thread. */
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "megbox-faces-follow");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public FaceLibraryService(BundleContext context, @Reference(name = "database") Database database) {
        this(database, dataFolder(context.getProperty(PROP_DATA)));
    }

    /** Outside OSGi (tests): files under {@code <dataFolder>/faces}. */
    public FaceLibraryService(Database database, Path dataFolder) {
        this.root = dataFolder.resolve("faces");
        this.store = new FaceStore(database, new FaceFiles(root));
        Optional<String> modelId = store.meta("modelId");
        Optional<String> dimension = store.meta("dimension");
        if (modelId.isPresent() && dimension.isPresent()) {
            index = LibraryIndex.open(root, modelId.get(), Integer.parseInt(dimension.get()), store);
        }
    }

    static Path dataFolder(String property) {
        return (property == null || property.isBlank() ? Path.of("data") : Path.of(property)).toAbsolutePath();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindAnalysis(FaceAnalysisService service) {
        this.analysis = service;
        adopt(service);
    }

    public void unbindAnalysis(FaceAnalysisService service) {
        if (analysis == service) {
            analysis = null;
        }
        Redescriber running = redescriber;
        if (running != null && running.uses(service)) {
            running.stop();
        }
    }

    // any FaceEmbedder event may mean the pipeline's greedy reference swaps its embedder; the pipeline may be told
    // after this library, so the check runs again a little later (and on every use, see follow())

    @Reference(name = "embedders", service = FaceEmbedder.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, updated = "updatedEmbedder")
    void bindEmbedder(ServiceReference<FaceEmbedder> ref) {
        embeddersChanged();
    }

    void updatedEmbedder(ServiceReference<FaceEmbedder> ref) {
        embeddersChanged();
    }

    void unbindEmbedder(ServiceReference<FaceEmbedder> ref) {
        embeddersChanged();
    }

    private void embeddersChanged() {
        try {
            follower.schedule(this::follow, 0, TimeUnit.MILLISECONDS);
            follower.schedule(this::follow, 500, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the library is closing
        }
    }

    /**
     * Starts following the analysis service's embedder when it is not the one the library indexes or is re-describing
     * for: a volatile read and a string comparison when nothing changed.
     */
    void follow() {
        FaceAnalysisService a = analysis;
        if (a == null) {
            return;
        }
        String id;
        try {
            id = a.embedderId();
        } catch (RuntimeException noEmbedder) {
            return; // the pipeline between two embedders
        }
        Redescriber running = redescriber;
        LibraryIndex current = index;
        String target = running != null && !running.stopped() ? running.modelId()
                : current != null ? current.modelId() : null;
        if (!id.equals(target)) {
            adopt(a);
        }
    }

    /**
     * Makes the embedder of {@code service} the library's: at once when nothing is stored, else by describing the
     * stored photos again. Going back to the indexed embedder while a re-description for another one runs stops that
     * one and describes the faces it already changed back (the index still holds their old vectors meanwhile).
     */
    private synchronized void adopt(FaceAnalysisService service) {
        String id;
        int dimension;
        try {
            id = service.embedderId();
            dimension = service.dimension();
        } catch (RuntimeException noEmbedder) {
            return;
        }
        Redescriber running = redescriber;
        if (running != null) {
            if (!running.stopped() && running.uses(service) && running.modelId().equals(id)) {
                return;
            }
            running.stop();
            redescriber = null;
        }
        LibraryIndex current = index;
        if (current == null || store.faceCount() == 0) {
            if (current == null || !current.modelId().equals(id) || current.dimension() != dimension) {
                switchIndex(id, dimension);
            }
            return;
        }
        if (current.modelId().equals(id) && store.faceCount(id) == store.faceCount()) {
            return;
        }
        redescriber = new Redescriber(this, store, service, id, dimension);
        redescriber.start();
    }

    /** The running re-description, if any. */
    Optional<Redescriber> redescribing() {
        Redescriber running = redescriber;
        return running == null || running.stopped() ? Optional.empty() : Optional.of(running);
    }

    /** Switches to the embedder {@code job} described the faces for, unless the job was stopped meanwhile. */
    synchronized boolean redescribed(Redescriber job, String modelId, int dimension) {
        if (job.stopped() || redescriber != job) {
            return false;
        }
        redescriber = null;
        switchIndex(modelId, dimension);
        return true;
    }

    /** Makes {@code modelId} the library's embedder and (re)builds its index from the stored descriptors. */
    synchronized void switchIndex(String modelId, int dimension) {
        store.putMeta("modelId", modelId);
        store.putMeta("dimension", Integer.toString(dimension));
        LibraryIndex old = index;
        index = null;
        if (old != null) {
            old.close();
        }
        index = LibraryIndex.open(root, modelId, dimension, store);
    }

    @Deactivate
    public void close() {
        follower.shutdownNow();
        Redescriber running = redescriber;
        if (running != null) {
            running.awaitStop(30_000);
        }
        LibraryIndex current = index;
        index = null;
        if (current != null) {
            current.close();
        }
    }

    FaceStore store() {
        return store;
    }

    Optional<LibraryIndex> index() {
        return Optional.ofNullable(index);
    }

    void batchPending(int delta) {
        batchPending.addAndGet(delta);
    }

    /** 104307 GROUP_IS_BUSY while a batch import is running (wiping the library or a group would race it). */
    void requireNoBatch() {
        int pending = batchPending.get();
        if (pending > 0) {
            throw new ApiException(ErrorCode.GROUP_IS_BUSY)
                    .withData(Map.of("reason", pending + " photos of a batch import not enrolled yet"));
        }
    }

    /** 104205 SPACE_IS_FULL when the data folder's file system has less than {@value #MIN_FREE_BYTES} bytes free. */
    void requireSpace(long bytes) {
        try {
            long free = Files.getFileStore(root).getUsableSpace();
            if (free - bytes < MIN_FREE_BYTES) {
                throw new ApiException(ErrorCode.SPACE_IS_FULL).withData(Map.of("reason", free + " bytes free"));
            }
        } catch (IOException e) {
            LOG.warn("free space of {} unknown: {}", root, e.toString());
        }
    }

    /** The pipeline, or 104401 SERVER_BUSY while none is running (e.g. its bundle being updated). */
    FaceAnalysisService analysis() {
        FaceAnalysisService a = analysis;
        if (a == null) {
            throw new ApiException(ErrorCode.SERVER_BUSY).withData(Map.of("reason", "no face analysis service"));
        }
        follow();
        return a;
    }

    /**
     * The index to search with descriptors of {@code embedderId}, or 104401 SERVER_BUSY while the library is being
     * described again for it (the old index holds another model's vectors, which cannot be compared).
     */
    LibraryIndex indexFor(String embedderId) {
        LibraryIndex li = index;
        if (li != null && li.modelId().equals(embedderId)) {
            return li;
        }
        String reason = redescribing().filter(r -> r.modelId().equals(embedderId))
                .map(r -> "face library being described again for " + embedderId + ": " + r.progress())
                .orElse("face library not indexed for " + embedderId);
        throw new ApiException(ErrorCode.SERVER_BUSY).withData(Map.of("reason", reason));
    }

    /** The largest face of a photo, accepted by the quality gates and described, or the error. */
    AnalyzedFace largestFace(UploadedImage image, ErrorCode noFace, String field) {
        List<AnalyzedFace> found = analysis().analyze(image.frame());
        if (found.isEmpty()) {
            throw new ApiException(noFace).withData(Map.of("reason", field + ": no face detected"));
        }
        AnalyzedFace face = found.get(0);
        if (!face.quality().accepted() || face.description().isEmpty()) {
            String reason = face.quality().accepted() ? "descriptor" : face.quality().rejection();
            throw new ApiException(ErrorCode.BAD_QUALITY, reason).withData(Map.of("reason", field + ": " + reason));
        }
        return face;
    }

    record Enrolled(String imageId, String faceToken, Rect rect) {
    }

    /** §5.1.1: stores the photo, its largest face and that face's bindings; nothing when it throws. */
    Enrolled enrol(UploadedImage image, String description, String imageName, List<String> groups)
            throws IOException {
        requireGroups(groups);
        requireSpace(image.bytes.length);
        String imageId = FaceIds.imageMd5(image.bytes);
        if (store.image(imageId).map(i -> i.faceToken() != null).orElse(false)) {
            throw new ApiException(ErrorCode.FACE_ALREADY_EXIST);
        }
        FaceAnalysisService a = analysis();
        AnalyzedFace face = largestFace(image, ErrorCode.FACE_NOT_FOUND, "image");
        float[] vector = face.description().get().descriptor();
        Rect rect = rect(face.face().box(), image.width(), image.height());
        long now = System.currentTimeMillis();
        String token = FaceIds.newFaceToken();
        ImageRecord img = new ImageRecord(imageId, store.nextSeq(), description, imageName, image.format, now, token);
        FaceRecord rec = new FaceRecord(token, imageId, store.nextSeq(), rect, groups, now, a.embedderId());
        byte[] crop = image.crop(face.face().box(), CROP_PADDING);
        synchronized (this) {
            store.addFace(img, image.bytes, rec, crop, new Descriptor(a.embedderId(), vector));
            LibraryIndex li = index;
            if (li != null && li.modelId().equals(a.embedderId()) && li.dimension() == vector.length) {
                li.put(rec.key(), vector);
            }
        }
        return new Enrolled(imageId, token, rect);
    }

    static Rect rect(Box b, int width, int height) {
        return new Rect(clamp(b.x1(), width), clamp(b.y1(), height), clamp(b.x2(), width), clamp(b.y2(), height));
    }

    private static int clamp(double v, int max) {
        return (int) Math.max(0, Math.min(max, Math.round(v)));
    }

    /** 104301 for the first unknown group (named in {@code data.reason}). */
    void requireGroups(Collection<String> groups) {
        for (String g : groups) {
            if (store.group(g).isEmpty()) {
                throw new ApiException(ErrorCode.GROUP_NAME_NOT_EXIST).withData(Map.of("reason", "no group " + g));
            }
        }
    }

    // changes of the store and of the index are made together under this object's lock, so the index never keeps
    // a face the store dropped (or misses one it kept) while the box runs

    synchronized Optional<FaceRecord> deleteFace(String faceToken) {
        Optional<FaceRecord> gone = store.deleteFace(faceToken);
        gone.ifPresent(f -> index().ifPresent(i -> i.remove(f.key())));
        return gone;
    }

    synchronized Optional<FaceRecord> deleteImage(ImageRecord image) {
        Optional<FaceRecord> gone = store.deleteImage(image);
        gone.ifPresent(f -> index().ifPresent(i -> i.remove(f.key())));
        return gone;
    }

    synchronized void clearLibrary() {
        store.clearLibrary();
        index().ifPresent(LibraryIndex::clear);
    }

    /**
     * §6.1.3: 1 deletes the group and keeps its faces; 2 deletes the group and its faces; 3 clears the group (a face
     * bound only to it is deleted, the others are unbound) and keeps it.
     */
    synchronized void dropGroup(String name, int mode) {
        Set<String> doomed = new HashSet<>();
        List<Long> keys = new ArrayList<>();
        for (FaceRecord f : store.members(name).values()) {
            if (mode == 2 || (mode == 3 && f.groups().size() == 1)) {
                doomed.add(f.faceToken());
                keys.add(f.key());
            }
        }
        store.dropGroup(name, mode == 3, doomed);
        index().ifPresent(i -> keys.forEach(i::remove));
    }

    static float score(float cosine) {
        return 100f * Math.max(0f, Math.min(1f, cosine));
    }

    static float cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("descriptors of different length");
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return (float) dot;
    }

    @Override
    public List<Match> search(float[] descriptor, String embedderId, Collection<String> groups, int topN,
            float threshold) {
        follow();
        LibraryIndex li = index;
        if (li == null || !li.modelId().equals(embedderId) || descriptor.length != li.dimension() || topN <= 0) {
            return List.of();
        }
        List<String> wanted = List.copyOf(groups);
        LongPredicate filter = wanted.isEmpty() ? null
                : key -> wanted.stream().anyMatch(g -> store.members(g).containsKey(key));
        List<Match> matches = new ArrayList<>();
        for (FaceIndex.Hit hit : li.search(descriptor, topN, filter)) {
            float score = score(hit.cosine());
            Optional<FaceRecord> face = store.faceByKey(hit.key());
            if (score >= threshold && face.isPresent()) {
                FaceRecord f = face.get();
                matches.add(new Match(f.faceToken(), f.imageId(), f.groups(), score));
            }
        }
        return matches;
    }

    @Override
    public Optional<byte[]> faceCrop(String faceToken) {
        return store.face(faceToken).flatMap(f -> store.files().read(store.files().crop(f.faceToken())));
    }
}
