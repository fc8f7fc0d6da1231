package org.megbox.delivery.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;

/** An in-memory EventStore standing in for the events bundle (ids strictly increasing, oldest removable). */
final class MemoryEventStore implements EventStore {

    private final ConcurrentSkipListMap<Long, StoredEvent> events = new ConcurrentSkipListMap<>();
    private long nextId = 1;
    /** Size of every picture (0: a short text naming the picture, which the tests check). */
    private final int pictureBytes;

    MemoryEventStore() {
        this(0);
    }

    MemoryEventStore(int pictureBytes) {
        this.pictureBytes = pictureBytes;
        this.randomBlock = new byte[Math.max(4, pictureBytes)];
        new java.util.Random(pictureBytes).nextBytes(randomBlock);
    }

    private final byte[] randomBlock;

    synchronized StoredEvent add(int channel) {
        return add(channel, 14, false);
    }

    /** An event of the warehouse algorithm type {@code algType}, with a crop picture when {@code crop}. */
    synchronized StoredEvent add(int channel, int algType, boolean crop) {
        long id = nextId++;
        StoredEvent e = new StoredEvent(id, deviceId(), channel, "chn" + channel, algType, "intrusion", 3, "polygon",
                7, "person", 1000 + id,
                List.of(new StoredEvent.PixelPoint(10, 20), new StoredEvent.PixelPoint(30, 40)),
                id * 10, id * 40, id * 40, 1_700_000_000_000L + id, 1_700_000_000_000L + id, 1, 640, 480,
                "./pictures/" + id + ".jpg", crop ? "./pictures/" + id + "_crop.jpg" : null, true, false);
        events.put(id, e);
        return e;
    }

    /** How often {@link #picture} was called. */
    final java.util.concurrent.atomic.AtomicInteger pictureReads = new java.util.concurrent.atomic.AtomicInteger();

    /** Pictures with given bytes (e.g. a real JPEG), served instead of the generated ones. */
    private final java.util.Map<String, byte[]> pictures = new java.util.concurrent.ConcurrentHashMap<>();

    void picture(String uri, byte[] bytes) {
        pictures.put(uri, bytes);
    }

    /**
     * A face capture of the face warehouse (algType 0, target face) in a 640x480 frame, box (100,80)-(140,130),
     * tracker id 3000001, with a crop picture; its face details are {@code face}.
     */
    synchronized StoredEvent addFace(int channel, org.megbox.api.event.CapturedFace face) {
        long id = nextId++;
        StoredEvent e = new StoredEvent(id, deviceId(), channel, "chn" + channel, 0, "capture", 0, "polygon", 0,
                "face", 3_000_001,
                List.of(new StoredEvent.PixelPoint(100, 80), new StoredEvent.PixelPoint(140, 130)),
                id * 10, id * 40, id * 40, 1_700_000_000_000L + id, 1_700_000_000_500L + id, 1, 640, 480,
                "./pictures/" + id + ".jpg", "./pictures/" + id + "_crop.jpg", face.alert() || face.stranger(),
                true, face);
        events.put(id, e);
        return e;
    }

    void recycleUpTo(long id) {
        events.headMap(id, true).clear();
    }

    @Override
    public String deviceId() {
        return "0242AC11000200000000";
    }

    @Override
    public Optional<StoredEvent> event(long id) {
        return Optional.ofNullable(events.get(id));
    }

    @Override
    public List<StoredEvent> eventsAfter(long afterId, int limit) {
        List<StoredEvent> out = new ArrayList<>();
        for (StoredEvent e : events.tailMap(afterId, false).values()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public long lastId() {
        return events.isEmpty() ? 0 : events.lastKey();
    }

    @Override
    public int size() {
        return events.size();
    }

    @Override
    public Optional<byte[]> picture(String uri) {
        pictureReads.incrementAndGet();
        if (pictures.containsKey(uri)) {
            return Optional.of(pictures.get(uri));
        }
        if (pictureBytes > 0 && uri.startsWith("./pictures/")) {
            // a copy of one random block (incompressible, like a JPEG; a copy costs about what reading a cached
            // file does, generating random bytes per call cost more than the rest of a push), told apart by its uri
            byte[] b = randomBlock.clone();
            java.nio.ByteBuffer.wrap(b).putInt(uri.hashCode());
            return Optional.of(b);
        }
        return uri.startsWith("./pictures/") ? Optional.of(("jpeg:" + uri).getBytes(StandardCharsets.UTF_8))
                : Optional.empty();
    }
}
