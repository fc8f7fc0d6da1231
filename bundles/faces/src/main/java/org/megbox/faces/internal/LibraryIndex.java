package org.megbox.faces.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.megbox.faces.internal.index.FaceIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FaceIndex} of one embedder's descriptors, derived data: it is rebuilt from the descriptors in the
 * database (no model run) when its folder is missing, belongs to another embedder ({@code index.model} names it),
 * was left dirty by a crash ({@link FaceIndex#needsRebuild()}), or holds another number of faces than the database.
 * Every change is applied after the database commit and synced at once, so a crash leaves at most one change
 * unsynced, which the dirty state or the size reveals at the next start.
 */
final class LibraryIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryIndex.class);

    private final String modelId;
    private final FaceIndex index;
    private boolean rebuilt;

    private LibraryIndex(String modelId, FaceIndex index) {
        this.modelId = modelId;
        this.index = index;
    }

    /** Opens (or rebuilds) the index of {@code modelId}'s descriptors under {@code root}. */
    static LibraryIndex open(Path root, String modelId, int dimension, FaceStore store) {
        Path dir = root.resolve("index");
        Path owner = root.resolve("index.model");
        try {
            String expectedOwner = modelId + "\n" + dimension;
            boolean sameModel = Files.exists(owner) && Files.readString(owner).equals(expectedOwner);
            if (!sameModel) {
                deleteTree(dir);
                Files.createDirectories(root);
                Files.writeString(owner, expectedOwner);
            }
            FaceIndex index = FaceIndex.open(dir, dimension);
            LibraryIndex li = new LibraryIndex(modelId, index);
            int stored = store.faceCount(modelId);
            if (!sameModel || index.needsRebuild() || index.size() != stored) {
                String why = !sameModel ? "new embedder or no index" : index.needsRebuild() ? "not synced (crash)"
                        : "size " + index.size() + " differed from " + stored;
                long t0 = System.nanoTime();
                li.rebuild(store);
                li.rebuilt = true;
                LOG.info("face index of {} rebuilt from {} stored descriptors in {} ms ({})", modelId, index.size(),
                        (System.nanoTime() - t0) / 1_000_000, why);
            }
            return li;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String modelId() {
        return modelId;
    }

    /** Whether {@link #open} had to rebuild it. */
    boolean rebuilt() {
        return rebuilt;
    }

    int dimension() {
        return index.dimension();
    }

    int size() {
        return index.size();
    }

    private boolean usable(FaceStore store, long key, Records.Descriptor d) {
        return d.modelId().equals(modelId) && d.vector().length == index.dimension()
                && store.faceByKey(key).isPresent();
    }


    private void rebuild(FaceStore store) throws IOException {
        index.clear();
        store.forEachDescriptor((key, d) -> {
            if (usable(store, key, d)) {
                index.put(key, d.vector());
            }
        });
        index.sync();
    }

    void put(long key, float[] unitVector) {
        index.put(key, unitVector);
        sync();
    }

    void remove(long key) {
        if (index.remove(key)) {
            sync();
        }
    }

    void clear() {
        index.clear();
        sync();
    }

    private void sync() {
        try {
            index.sync();
        } catch (IOException e) {
            // the index stays dirty on disk and is rebuilt at the next start
            LOG.warn("face index sync failed: {}", e.toString());
        }
    }

    List<FaceIndex.Hit> search(float[] unitQuery, int k, LongPredicate filter) {
        return index.search(unitQuery, k, filter);
    }

    @Override
    public void close() {
        index.close();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
