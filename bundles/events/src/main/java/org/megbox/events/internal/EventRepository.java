package org.megbox.events.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.megbox.events.StoredEvent;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event records in the box database and the in-memory index every query runs on.
 *
 * <p>Stores: {@value #STORE_RECORDS} (id → the {@link StoredEvent} as JSON) and {@value #STORE_META}
 * ({@code nextId}, {@code deviceId}). The index (id → {@link Entry}, a few fields per event) is loaded at start
 * and changed only after a commit, so a query never sees an uncommitted event. Mutations are serialised by this
 * object's lock; reads take no lock.
 */
final class EventRepository {

    static final String STORE_RECORDS = "events.records";
    static final String STORE_META = "events.meta";
    static final String META_NEXT_ID = "nextId";
    static final String META_DEVICE_ID = "deviceId";

    private static final Logger LOG = LoggerFactory.getLogger(EventRepository.class);
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What queries filter and sort on; the record itself is read from the store for the page only. */
    record Entry(long id, long timestamp, int videoNo, long targetId, int algType, String alertorType,
            String targetType, long pictureBytes, boolean inAlerts, boolean inCaptures, String faceToken,
            boolean stranger) {

        /** {@code faceToken}: the top-1 match of a face that raised an alert (a library person), else null. */
        static Entry of(StoredEvent e, long pictureBytes) {
            String token = e.face() != null && e.face().alert()
                    ? e.face().top1().map(m -> m.faceToken()).orElse(null) : null;
            boolean stranger = e.face() != null && e.face().stranger();
            return new Entry(e.id(), e.timestamp(), e.videoNo(), e.targetId(), e.algType(), e.alertorType().intern(),
                    e.targetType().intern(), pictureBytes, e.inAlerts(), e.inCaptures(), token, stranger);
        }
    }

    /** A query's page: the matching total, the page's entries, and the id the next page starts at (0: none). */
    record Page(int total, List<Entry> entries, long nextPageToken) {
    }

    /** An event to store and the bytes its pictures took. */
    record NewEvent(StoredEvent event, long pictureBytes) {
    }

    private record TrackKey(int videoNo, long targetId) {
    }

    private final Database database;
    private final KeyValueStore<Long, StoredRecord> records;
    private final KeyValueStore<String, String> meta;
    private final ConcurrentSkipListMap<Long, Entry> index = new ConcurrentSkipListMap<>();
    private final AtomicLong pictureBytes = new AtomicLong();
    private final Map<TrackKey, Integer> trackTimes = new HashMap<>();
    private final Object lock = new Object();
    private final String deviceId;
    private long nextId;

    /** The stored form: the event and the bytes its pictures took (for the storage cap). */
    record StoredRecord(StoredEvent event, long pictureBytes) {
    }

    EventRepository(Database database) {
        this.database = database;
        this.records = database.longStore(STORE_RECORDS, Codec.of(EventRepository::encode, EventRepository::decode));
        this.meta = database.store(STORE_META, Codec.utf8());
        long storedNext = meta.get(META_NEXT_ID).map(Long::parseLong).orElse(1L);
        long loaded = load();
        this.nextId = Math.max(storedNext, records.lastKey().orElse(0L) + 1);
        String id = meta.get(META_DEVICE_ID).orElse(null);
        if (!DeviceId.isValid(id)) {
            id = DeviceId.derive();
            String fresh = id;
            database.transaction(() -> meta.put(META_DEVICE_ID, fresh));
            LOG.info("device_id {} derived and stored", id);
        }
        this.deviceId = id;
        LOG.info("{} stored event(s) loaded, {} bytes of pictures, next id {}", loaded, pictureBytes.get(), nextId);
    }

    private static byte[] encode(StoredRecord r) {
        try {
            return MAPPER.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoredRecord decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, StoredRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long load() {
        long count = 0;
        Long from = null;
        while (true) {
            List<Map.Entry<Long, StoredRecord>> chunk;
            try {
                chunk = records.entriesFrom(from, 2000);
            } catch (UncheckedIOException e) {
                // an unreadable record stops the chunked read; fall back to key by key
                chunk = readOneByOne(from, 2000);
            }
            if (chunk.isEmpty()) {
                return count;
            }
            for (Map.Entry<Long, StoredRecord> e : chunk) {
                if (e.getValue() == null) {
                    continue;
                }
                index(Entry.of(e.getValue().event(), e.getValue().pictureBytes()), e.getValue().event().trackIdTimes());
                count++;
            }
            from = chunk.get(chunk.size() - 1).getKey() + 1;
        }
    }

    private List<Map.Entry<Long, StoredRecord>> readOneByOne(Long from, int limit) {
        List<Map.Entry<Long, StoredRecord>> out = new ArrayList<>();
        for (Long k : records.keys()) {
            if (from != null && k < from) {
                continue;
            }
            if (out.size() >= limit) {
                break;
            }
            try {
                out.add(Map.entry(k, records.get(k).orElse(null)));
            } catch (UncheckedIOException e) {
                LOG.warn("stored event {} is unreadable; skipped", k);
                out.add(new java.util.AbstractMap.SimpleEntry<>(k, null));
            }
        }
        return out;
    }

    private void index(Entry e, int times) {
        index.put(e.id(), e);
        pictureBytes.addAndGet(e.pictureBytes());
        trackTimes.merge(new TrackKey(e.videoNo(), e.targetId()), times, Math::max);
    }

    String deviceId() {
        return deviceId;
    }

    /** A fresh id (the writer names picture files with it before the record exists). */
    long allocateId() {
        synchronized (lock) {
            return nextId++;
        }
    }

    /** Claims the trackIdTimes of the next event of this target (1 for its first). */
    int claimTrackTimes(int videoNo, long targetId) {
        synchronized (lock) {
            return trackTimes.merge(new TrackKey(videoNo, targetId), 1, Integer::sum);
        }
    }

    /** Commits the events in one transaction, then makes them visible. On failure nothing is visible. */
    void commit(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        synchronized (lock) {
            long next = nextId;
            database.transaction(() -> {
                for (NewEvent n : events) {
                    records.put(n.event().id(), new StoredRecord(n.event(), n.pictureBytes()));
                }
                meta.put(META_NEXT_ID, Long.toString(next));
            });
            for (NewEvent n : events) {
                index(Entry.of(n.event(), n.pictureBytes()), n.event().trackIdTimes());
            }
        }
    }

    Optional<StoredEvent> get(long id) {
        if (!index.containsKey(id)) {
            return Optional.empty();
        }
        try {
            return records.get(id).map(StoredRecord::event);
        } catch (UncheckedIOException e) {
            LOG.warn("stored event {} is unreadable", id);
            return Optional.empty();
        }
    }

    boolean contains(long id) {
        return index.containsKey(id);
    }

    List<StoredEvent> after(long afterId, int limit) {
        List<StoredEvent> out = new ArrayList<>();
        for (Long id : index.tailMap(afterId, false).keySet()) {
            if (out.size() >= limit) {
                break;
            }
            get(id).ifPresent(out::add);
        }
        return out;
    }

    long lastId() {
        Map.Entry<Long, Entry> last = index.lastEntry();
        return last == null ? 0 : last.getKey();
    }

    int size() {
        return index.size();
    }

    long pictureBytes() {
        return pictureBytes.get();
    }

    /**
     * One pass over the index: counts every match and picks the page. With {@code pageToken} the page starts at
     * the first match whose id is {@code >= pageToken}; otherwise after skipping {@code pageOffset} matches.
     * {@code dedupTracks}: only the first event of each (channel, target id) matches.
     */
    Page query(Predicate<Entry> filter, boolean dedupTracks, Long pageToken, int pageOffset, int pageSize) {
        int total = 0;
        int skipped = 0;
        long next = 0;
        List<Entry> page = new ArrayList<>(Math.min(pageSize, 256));
        Set<TrackKey> seen = dedupTracks ? new HashSet<>() : null;
        for (Entry e : index.values()) {
            if (!filter.test(e)) {
                continue;
            }
            if (seen != null && !seen.add(new TrackKey(e.videoNo(), e.targetId()))) {
                continue;
            }
            total++;
            boolean inRange = pageToken != null ? e.id() >= pageToken : skipped++ >= pageOffset;
            if (!inRange) {
                continue;
            }
            if (page.size() < pageSize) {
                page.add(e);
            } else if (next == 0) {
                next = e.id();
            }
        }
        return new Page(total, page, next);
    }

    /** Entries matching {@code filter}, ascending. */
    List<Entry> find(Predicate<Entry> filter) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : index.values()) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Takes the matching events off the alerts list ({@code alerts}) or the captures list; an event on neither list
     * any more is deleted. Returns the deleted events, whose pictures the caller deletes after this returned.
     *
     * @return the events that matched (empty: nothing matched)
     */
    Removal unlist(Predicate<Entry> filter, boolean alerts) {
        synchronized (lock) {
            List<Entry> matches = find(e -> filter.test(e) && (alerts ? e.inAlerts() : e.inCaptures()));
            List<StoredEvent> updated = new ArrayList<>();
            List<StoredEvent> deleted = new ArrayList<>();
            List<Long> deletedIds = new ArrayList<>();
            for (Entry m : matches) {
                Optional<StoredRecord> r = readRecord(m.id());
                StoredEvent e = r.map(StoredRecord::event).orElse(null);
                boolean keepAlerts = !alerts && m.inAlerts();
                boolean keepCaptures = alerts && m.inCaptures();
                if (e == null || (!keepAlerts && !keepCaptures)) {
                    if (e != null) {
                        deleted.add(e);
                    }
                    deletedIds.add(m.id());
                } else {
                    updated.add(e.withLists(keepAlerts, keepCaptures));
                }
            }
            database.transaction(() -> {
                for (StoredEvent u : updated) {
                    records.put(u.id(), new StoredRecord(u, index.get(u.id()).pictureBytes()));
                }
                for (Long id : deletedIds) {
                    records.remove(id);
                }
            });
            for (StoredEvent u : updated) {
                Entry old = index.get(u.id());
                index.put(u.id(), Entry.of(u, old.pictureBytes()));
            }
            for (Long id : deletedIds) {
                Entry old = index.remove(id);
                if (old != null) {
                    pictureBytes.addAndGet(-old.pictureBytes());
                }
            }
            return new Removal(matches.size(), deleted);
        }
    }

    /** How many events matched an unlist/delete, and the events deleted for good. */
    record Removal(int matched, List<StoredEvent> deleted) {
    }

    private Optional<StoredRecord> readRecord(long id) {
        try {
            return records.get(id);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Deletes the matching events for good (e.g. a deleted channel's). */
    List<StoredEvent> delete(Predicate<Entry> filter) {
        synchronized (lock) {
            return deleteIds(find(filter).stream().map(Entry::id).toList());
        }
    }

    private List<StoredEvent> deleteIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<StoredEvent> deleted = new ArrayList<>();
        for (Long id : ids) {
            readRecord(id).ifPresent(r -> deleted.add(r.event()));
        }
        database.transaction(() -> {
            for (Long id : ids) {
                records.remove(id);
            }
        });
        for (Long id : ids) {
            Entry old = index.remove(id);
            if (old != null) {
                pictureBytes.addAndGet(-old.pictureBytes());
            }
        }
        return deleted;
    }

    /**
     * Deletes the oldest events while there are more than {@code maxEvents} or their pictures take more than
     * {@code maxBytes}, at most {@code batch} in this transaction. Returns the deleted events (the caller deletes
     * their files after the commit).
     */
    List<StoredEvent> recycleOldest(int maxEvents, long maxBytes, int batch) {
        synchronized (lock) {
            List<Long> ids = new ArrayList<>();
            int count = index.size();
            long bytes = pictureBytes.get();
            Iterator<Entry> it = index.values().iterator();
            while (it.hasNext() && ids.size() < batch && (count > maxEvents || bytes > maxBytes)) {
                Entry e = it.next();
                ids.add(e.id());
                count--;
                bytes -= e.pictureBytes();
            }
            return deleteIds(ids);
        }
    }

    /** Deletes the {@code n} oldest events (to free disk space). */
    List<StoredEvent> deleteOldest(int n) {
        synchronized (lock) {
            return deleteIds(index.keySet().stream().limit(Math.max(0, n)).toList());
        }
    }

    boolean overCap(int maxEvents, long maxBytes) {
        return index.size() > maxEvents || pictureBytes.get() > maxBytes;
    }
}
