package org.megbox.faces.internal.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongPredicate;

/**
 * The 1:N face search index: unit embeddings by a long key, top-k by cosine.
 *
 * <h2>Storage</h2>
 * {@code dir} holds chunk files {@code chunk-NNNNN.bin} of 16 384 slots each, memory-mapped (keys, per-vector
 * scales, int8 codes, float vectors: 12 + 5 × dimension bytes per slot) and the small {@code index.state}.
 * The keys, scales and int8 codes are also on the heap in primitive arrays (12 + dimension bytes per slot); the
 * float vectors stay in the mapping (page cache). No model runs at {@link #open}: the files are the index.
 * A removed face leaves a hole that the next {@link #put} of a new key reuses.
 *
 * <h2>Search</h2>
 * The query is quantised like the stored vectors; all cores scan the int8 codes (integer dot products that the JIT
 * vectorises), each keeping its best few hundred slots; these candidates are re-ranked exactly from the float
 * vectors. The scan's error is bounded (see {@link QueryCodes}): when the k-th exact cosine is not above the best
 * score turned away plus that bound, the search is repeated with 8× the candidates until it is (at worst every slot
 * is a candidate). So the quantised search returns the same top-k as an exact scan ({@link #searchExact}).
 * {@code filter} is called on the scan threads, only for slots that would enter the candidates: it must be cheap and
 * thread-safe.
 *
 * <h2>Consistency after a crash (SIGKILL, power loss)</h2>
 * The index is derived data; the caller's database is the authority. The first change after a {@link #sync} marks
 * {@code index.state} dirty on disk before any chunk is touched; {@link #sync} forces the chunks, stamps each with a
 * new generation and then atomically writes a clean state naming that generation, the chunk count and the size.
 * {@link #open} trusts the files only if the state is clean and every chunk exists with its full length and that
 * generation; otherwise it deletes them, opens empty and {@link #needsRebuild()} is true. So the cheap check
 * at start is:
 * <pre>
 * index = FaceIndex.open(dir, dim);
 * if (index.needsRebuild() || index.size() != database.faceCount()) { index.clear(); put every stored descriptor; }
 * index.sync();
 * </pre>
 * and on every change: {@code put}/{@code remove} on the index first, then commit the database, then {@code sync}
 * (a crash in between leaves the index dirty, hence rebuilt). {@link #generation()} counts the syncs that had
 * changes, for a caller that wants to record it too. A new index directory also reports {@code needsRebuild()}.
 * Changing the dimension (another embedding model) makes the old files inconsistent: they are dropped.
 */
public final class FaceIndex implements AutoCloseable {
    /** Candidates re-ranked exactly per scan worker, at least. */
    static final int MIN_CANDIDATES = 256;

    private final Path dir;
    private final int dimension;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object syncMonitor = new Object();
    private final List<IndexChunk> chunks = new ArrayList<>();
    private final LongIntMap slotsByKey = new LongIntMap();
    private final boolean needsRebuild;
    private final int workers;
    private final ExecutorService pool;
    private final AtomicLong widenedSearches = new AtomicLong();
    private volatile int scanThreads;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int highWater;
    private int size;
    private float maxScale;
    private volatile long generation;
    private volatile boolean dirty;
    private boolean persistedClean;
    private boolean closed;

    private FaceIndex(Path dir, int dimension) {
        this.dir = dir;
        this.dimension = dimension;
        this.workers = Runtime.getRuntime().availableProcessors();
        this.scanThreads = workers;
        AtomicInteger threadNo = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, workers - 1), r -> {
            Thread t = new Thread(r, "face-index-scan-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.needsRebuild = !load();
    }

    /** Opens the index in {@code dir} (created if absent); never throws for inconsistent files, see the class doc. */
    public static FaceIndex open(Path dir, int dimension) throws IOException {
        if (dimension < 1 || dimension > 16384) {
            throw new IllegalArgumentException("dimension " + dimension);
        }
        Files.createDirectories(dir);
        try {
            return new FaceIndex(dir, dimension);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** @return true when the files were loaded as one synced state; false after deleting what was there */
    private boolean load() {
        try {
            IndexState state = IndexState.read(dir);
            if (state == null || !state.clean() || state.dimension() != dimension
                    || state.highWater() > state.chunkCount() * IndexChunk.SLOTS) {
                throw new InconsistentIndexException("index.state is absent, dirty or of another dimension");
            }
            ByteBuffer scratch = IndexChunk.scratch(dimension);
            for (int n = 0; n < state.chunkCount(); n++) {
                chunks.add(IndexChunk.load(dir, n, dimension, state.generation(), scratch));
            }
            for (int slot = 0; slot < state.highWater(); slot++) {
                IndexChunk chunk = chunks.get(slot / IndexChunk.SLOTS);
                int local = slot % IndexChunk.SLOTS;
                if (chunk.isFree(local)) {
                    pushFree(slot);
                } else {
                    slotsByKey.put(chunk.keys[local], slot);
                    maxScale = Math.max(maxScale, chunk.scales[local]);
                }
            }
            if (slotsByKey.size() != state.size() || slotsByKey.size() + freeCount != state.highWater()) {
                throw new InconsistentIndexException("index.state counts differ from the chunks");
            }
            highWater = state.highWater();
            size = state.size();
            generation = state.generation();
            persistedClean = true;
            return true;
        } catch (IOException | RuntimeException inconsistent) {
            reset();
            try {
                deleteChunkFiles();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        }
    }

    public int dimension() {
        return dimension;
    }

    /** True when {@link #open} found no synced index and started empty: put every face again (class doc). */
    public boolean needsRebuild() {
        return needsRebuild;
    }

    /** The number of syncs that wrote changes, persisted with the index. */
    public long generation() {
        lock.readLock().lock();
        try {
            return generation;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Limits the threads one search uses (benchmark: the per-core rate); all cores by default. */
    void scanThreads(int threads) {
        scanThreads = Math.max(1, Math.min(workers, threads));
    }

    /** Searches that had to re-scan with more candidates to prove their top-k (near-duplicate clusters). */
    public long widenedSearches() {
        return widenedSearches.get();
    }

    /** Adds or replaces; a vector whose norm is not 1 is normalised (cosine is what is searched). */
    public void put(long key, float[] unitVector) {
        float[] unit = unit(unitVector);
        Quantized codes = Quantized.of(unit);
        lock.writeLock().lock();
        try {
            ensureOpen();
            markDirty();
            int slot = slotsByKey.get(key);
            if (slot < 0) {
                slot = freeCount > 0 ? freeSlots[--freeCount] : highWater;
                while (slot / IndexChunk.SLOTS >= chunks.size()) {
                    chunks.add(IndexChunk.create(dir, chunks.size(), dimension));
                }
                if (slot == highWater) {
                    highWater++;
                }
                slotsByKey.put(key, slot);
                size++;
            }
            chunks.get(slot / IndexChunk.SLOTS).write(slot % IndexChunk.SLOTS, key, unit, codes);
            maxScale = Math.max(maxScale, codes.scale());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean remove(long key) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            int slot = slotsByKey.get(key);
            if (slot < 0) {
                return false;
            }
            markDirty();
            slotsByKey.remove(key);
            chunks.get(slot / IndexChunk.SLOTS).free(slot % IndexChunk.SLOTS);
            pushFree(slot);
            size--;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Slots ever used (live + holes); a removed face's hole is reused before this grows. */
    int slotsUsed() {
        lock.readLock().lock();
        try {
            return highWater;
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(long key) {
        lock.readLock().lock();
        try {
            return slotsByKey.get(key) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The stored (normalised) vector of {@code key}, or null. */
    public float[] vector(long key) {
        lock.readLock().lock();
        try {
            int slot = slotsByKey.get(key);
            return slot < 0 ? null : chunks.get(slot / IndexChunk.SLOTS).vector(slot % IndexChunk.SLOTS);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes every face and deletes the chunk files (the space is returned to the file system). */
    public void clear() {
        lock.writeLock().lock();
        try {
            ensureOpen();
            markDirty();
            reset();
            deleteChunkFiles();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The best {@code k} faces by cosine, best first (ties: smaller key first), of those {@code filter} accepts. */
    public List<Hit> search(float[] unitQuery, int k, LongPredicate filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k " + k);
        }
        QueryCodes query = QueryCodes.of(unit(unitQuery));
        lock.readLock().lock();
        try {
            ensureOpen();
            if (size == 0) {
                return List.of();
            }
            int perWorker = (int) Math.min(size, Math.max(MIN_CANDIDATES, 4L * k));
            while (true) {
                List<Candidates> found = new ParallelScan(chunks, highWater, query, filter).run(pool, scanThreads,
                        perWorker);
                float turnedAway = Float.NEGATIVE_INFINITY;
                int count = 0;
                for (Candidates c : found) {
                    turnedAway = Math.max(turnedAway, c.bound());
                    count += c.size;
                }
                int[] slots = new int[count];
                int n = 0;
                for (Candidates c : found) {
                    System.arraycopy(c.slots, 0, slots, n, c.size);
                    n += c.size;
                }
                List<Hit> hits = rerank(slots, query.unit(), k);
                boolean proven = turnedAway == Float.NEGATIVE_INFINITY || hits.size() == k
                        && hits.get(k - 1).cosine() >= (double) query.scale() * turnedAway
                        + query.errorBound(maxScale);
                if (proven) {
                    return hits;
                }
                widenedSearches.incrementAndGet();
                perWorker = (int) Math.min(size, 8L * perWorker); // at most every face: then none is turned away
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The exact scan over the float vectors, one thread: what {@link #search} must agree with (tests, benchmark). */
    public List<Hit> searchExact(float[] unitQuery, int k, LongPredicate filter) {
        float[] unit = unit(unitQuery);
        lock.readLock().lock();
        try {
            ensureOpen();
            int[] live = new int[size];
            int n = 0;
            for (int slot = 0; slot < highWater; slot++) {
                IndexChunk chunk = chunks.get(slot / IndexChunk.SLOTS);
                int local = slot % IndexChunk.SLOTS;
                if (!chunk.isFree(local) && (filter == null || filter.test(chunk.keys[local]))) {
                    live[n++] = slot;
                }
            }
            return rerank(Arrays.copyOf(live, n), unit, k);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Hit> rerank(int[] slots, float[] unit, int k) {
        Hit[] hits = new Hit[slots.length];
        for (int i = 0; i < slots.length; i++) {
            IndexChunk chunk = chunks.get(slots[i] / IndexChunk.SLOTS);
            int local = slots[i] % IndexChunk.SLOTS;
            hits[i] = new Hit(chunk.keys[local], (float) chunk.dot(local, unit));
        }
        Arrays.sort(hits, BEST_FIRST);
        return List.of(Arrays.copyOf(hits, Math.min(k, hits.length)));
    }

    private static final Comparator<Hit> BEST_FIRST =
            Comparator.comparingDouble((Hit h) -> -h.cosine()).thenComparingLong(Hit::key);

    /** Makes every change durable: chunks forced and stamped, then the clean state (class doc). */
    public void sync() throws IOException {
        lock.readLock().lock(); // changes wait; searches go on
        try {
            ensureOpen();
            synchronized (syncMonitor) {
                if (!dirty && persistedClean) {
                    return;
                }
                long next = generation + 1;
                for (IndexChunk chunk : chunks) {
                    chunk.stamp(next);
                }
                new IndexState(dimension, chunks.size(), highWater, size, true, next).write(dir);
                generation = next;
                dirty = false;
                persistedClean = true;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Syncs and stops the scan threads. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
        } finally {
            lock.writeLock().unlock();
        }
        try {
            sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the state stays dirty: the next open asks for a rebuild
        } finally {
            lock.writeLock().lock();
            closed = true;
            lock.writeLock().unlock();
            pool.shutdownNow();
        }
    }

    public record Hit(long key, float cosine) {
    }

    /** Before the first change after a sync: the state on disk says dirty, so a crash from here on is detected. */
    private void markDirty() throws IOException {
        if (dirty) {
            return;
        }
        new IndexState(dimension, chunks.size(), highWater, size, false, generation).write(dir);
        dirty = true;
        persistedClean = false;
    }

    private void reset() {
        chunks.clear();
        slotsByKey.clear();
        freeCount = 0;
        highWater = 0;
        size = 0;
        maxScale = 0;
    }

    private void deleteChunkFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "chunk-*.bin")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    private void pushFree(int slot) {
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("face index closed");
        }
    }

    private float[] unit(float[] v) {
        if (v == null || v.length != dimension) {
            throw new IllegalArgumentException("vector of dimension " + (v == null ? 0 : v.length) + ", not "
                    + dimension);
        }
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("vector with a non-finite component");
            }
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            throw new IllegalArgumentException("zero vector");
        }
        if (Math.abs(norm - 1) <= 1e-4) {
            return v.clone();
        }
        float[] unit = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            unit[d] = (float) (v[d] / norm);
        }
        return unit;
    }
}
