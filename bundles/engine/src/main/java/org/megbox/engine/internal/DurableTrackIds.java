package org.megbox.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.megbox.engine.TrackIdRange;
import org.megbox.engine.TrackIdService;
import org.megbox.engine.TrackIds;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The §23.4 track ids of the box: per range a {@link BlockTrackIds} over the store {@value #STORE} (range name →
 * high-water mark), opened on first use; the blocks ahead are reserved on one daemon thread.
 */
@Component(service = TrackIdService.class)
public final class DurableTrackIds implements TrackIdService {

    static final String STORE = "engine.trackIds";

    static final Codec<Long> DECIMAL = Codec.of(v -> Long.toString(v).getBytes(StandardCharsets.UTF_8),
            b -> Long.parseLong(new String(b, StandardCharsets.UTF_8)));

    private final Database database;
    private final KeyValueStore<String, Long> marks;
    private final ExecutorService reserving;
    private final Map<TrackIdRange, TrackIds> ranges = new EnumMap<>(TrackIdRange.class);

    @Activate
    public DurableTrackIds(@Reference(name = "database") Database database) {
        this.database = database;
        this.marks = database.store(STORE, DECIMAL);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "megbox-track-ids");
                    t.setDaemon(true);
                    return t;
                });
        this.reserving = pool;
    }

    @Override
    public synchronized TrackIds ids(TrackIdRange range) {
        return ranges.computeIfAbsent(range, r -> new BlockTrackIds(database, marks, r, reserving));
    }

    /** Lets a reservation under way commit; later ones run on the caller. */
    @Deactivate
    public void close() {
        reserving.shutdown();
        try {
            reserving.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
