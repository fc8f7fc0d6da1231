package org.megbox.events.internal;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.config.DeviceConfig;
import org.megbox.config.DeviceConfigService;
import org.megbox.engine.AlarmEventSink;
import org.megbox.events.EventStore;
import org.megbox.events.EventStoreListener;
import org.megbox.events.StoredEvent;
import org.megbox.events.StoredEvent.PixelPoint;
import org.megbox.persistence.Database;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannelListener;
import org.megbox.video.VideoChannels;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events store. As the engine's {@link AlarmEventSink} it copies the frame's pixels (once per frame, shared by
 * the events raised on it) into a bounded queue and returns; one writer thread encodes the full picture and the
 * target crop (JPEG), writes both under {@code <megbox.data>/pictures/}, and only then commits the records (a batch
 * of queued events per transaction). After the commit the events are visible to queries and
 * {@link EventStoreListener}s are told. Then the storage caps are enforced: the oldest events are deleted in a
 * transaction, then their files.
 *
 * <p>At start, pictures without a record (a crash between writing and committing, or between deleting a record and
 * its files) are deleted before the writer takes its first event.
 *
 * <p>Registered under its own class too, for this bundle's REST endpoint.
 */
@Component(service = {AlarmEventSink.class, EventStore.class, VideoChannelListener.class, EventsService.class},
        configurationPid = EventsConfig.PID, immediate = true)
@Designate(ocd = EventsConfig.class)
public final class EventsService implements AlarmEventSink, EventStore, VideoChannelListener {

    static final String PROP_DATA = "megbox.data";
    /** Events per writer transaction at most. */
    static final int BATCH = 16;
    private static final int RECYCLE_BATCH = 500;
    /** Events the free-disk check never recycles (the caps still do). */
    static final int KEPT_UNDER_DISK_PRESSURE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(EventsService.class);

    private final EventRepository repository;
    private final Pictures pictures;
    private final EventQueue queue;
    /** Per channel, the last frame copied (weakly: once written, the copy is garbage, even for idle channels). */
    private final Map<Integer, WeakReference<EventQueue.FrameCopy>> lastCopies = new ConcurrentHashMap<>();
    private final List<EventStoreListener> listeners = new CopyOnWriteArrayList<>();
    /** Work the writer thread runs between batches (deletions, caps), in order with the events it stores. */
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** videoNo → when it was deleted: events of earlier frames still queued are discarded, not stored. */
    private final Map<Integer, Long> removedChannels = new ConcurrentHashMap<>();
    private final Thread writer;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong recycled = new AtomicLong();
    private final AtomicLong orphansDeleted = new AtomicLong();
    private volatile EventsConfig config;
    private volatile DeviceConfigService deviceConfig;
    private volatile VideoChannels videoChannels;
    private volatile IntFunction<String> channelNames = n -> null;
    private volatile boolean running = true;
    private volatile long lastDiskCheckNanos;
    private volatile int keptUnderDiskPressure = KEPT_UNDER_DISK_PRESSURE;
    /** Percent of the pictures' file system that is free (tests replace it). */
    private volatile IntSupplierWithIo freeDiskPercent = this::measuredFreeDiskPercent;

    @FunctionalInterface
    interface IntSupplierWithIo {
        int get() throws IOException;
    }
    private long lastFailureLogNanos;
    /** Writer thread, while {@link StageLog} is on: nanos spent encoding and writing the current event's pictures. */
    private long encodeNanos;
    private long writeNanos;

    @Activate
    public EventsService(BundleContext context, @Reference(name = "database") Database database, EventsConfig config) {
        this(database, dataFolder(context.getProperty(PROP_DATA)), config);
    }

    /** Outside OSGi (tests, benchmark): pictures go to {@code <dataFolder>/pictures}. */
    public EventsService(Database database, Path dataFolder, EventsConfig config) {
        this.config = config;
        this.repository = new EventRepository(database);
        this.pictures = new Pictures(dataFolder.resolve("pictures"), config.fsyncPictures());
        this.queue = new EventQueue(config.queueMaxEvents(), config.queueMaxMegabytes() * 1024L * 1024L);
        this.writer = daemon(this::writeLoop, "megbox-events-writer");
        this.writer.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static Path dataFolder(String property) {
        return (property == null || property.isBlank() ? Path.of("data") : Path.of(property)).toAbsolutePath();
    }

    @Modified
    void modified(EventsConfig newConfig) {
        this.config = newConfig;
        queue.limits(newConfig.queueMaxEvents(), newConfig.queueMaxMegabytes() * 1024L * 1024L);
        pictures.fsync(newConfig.fsyncPictures());
        tasks.add(this::enforceCaps);
    }

    /** Stops taking events, lets the writer store what is queued (up to 5 s), then stops it. */
    @Deactivate
    public void close() {
        running = false;
        try {
            writer.join(5000);
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the sink: runs on analysis threads, never waits for the writer

    @Override
    public void accept(AlarmEvent event, Frame frame) {
        if (!running || event == null) {
            return;
        }
        EventQueue.FrameCopy copy;
        if (frame == null) {
            copy = noFrame(event);
        } else {
            WeakReference<EventQueue.FrameCopy> ref = lastCopies.get(frame.videoNo());
            EventQueue.FrameCopy old = ref == null ? null : ref.get();
            if (sameFrame(old, frame)) {
                copy = old;
            } else {
                copy = copy(frame);
                lastCopies.put(frame.videoNo(), new WeakReference<>(copy));
            }
        }
        int dropped = queue.offer(new EventQueue.Pending(event, copy));
        if (dropped > 0) {
            LOG.debug("events queue full: dropped {} oldest waiting event(s)", dropped);
        }
    }

    private static boolean sameFrame(EventQueue.FrameCopy old, Frame f) {
        return old != null && old.frameId() == f.frameId() && old.width() == f.width() && old.height() == f.height()
                && old.recvTimestampMillis() == f.recvTimestampMillis();
    }

    static EventQueue.FrameCopy copy(Frame f) {
        int size = f.width() * f.height() * 3;
        byte[] bgr = new byte[size];
        ByteBuffer src = f.bgr().duplicate();
        src.position(0);
        src.get(bgr, 0, Math.min(size, src.remaining()));
        return new EventQueue.FrameCopy(f.videoNo(), f.frameId(), f.ptsMillis(), f.recvTimestampMillis(), f.width(),
                f.height(), bgr);
    }

    private static EventQueue.FrameCopy noFrame(AlarmEvent e) {
        return new EventQueue.FrameCopy(e.videoNo(), e.frameId(), e.timestampMillis(), e.timestampMillis(), 0, 0,
                new byte[0]);
    }

    // ---- the writer thread

    private void writeLoop() {
        try {
            int n = pictures.cleanOrphans(repository::contains);
            orphansDeleted.addAndGet(n);
            if (n > 0) {
                LOG.info("deleted {} orphan picture file(s) under {}", n, pictures.root());
            }
            enforceCaps();
        } catch (RuntimeException e) {
            LOG.error("start-up tidying of the events store failed", e);
        }
        try (JpegEncoder jpeg = new JpegEncoder()) {
            while (running || queue.size() > 0 || !tasks.isEmpty()) {
                runTasks();
                List<EventQueue.Pending> batch;
                try {
                    batch = queue.take(BATCH, tasks.isEmpty() ? 100 : 0, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (!batch.isEmpty()) {
                    try {
                        store(batch, jpeg);
                    } catch (RuntimeException e) {
                        LOG.error("storing {} event(s) failed", batch.size(), e);
                    }
                }
                checkDisk();
            }
        }
    }

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            try {
                t.run();
            } catch (RuntimeException e) {
                LOG.error("events store task failed", e);
            }
        }
    }

    /**
     * Encodes and writes the pictures of the batch, makes them durable together (one concurrent round of fsyncs, not
     * two fsyncs per event in turn), then commits the records of the events whose pictures all made it; visible to
     * queries afterwards.
     */
    void store(List<EventQueue.Pending> batch, JpegEncoder jpeg) {
        boolean timed = StageLog.on();
        long dequeuedNanos = timed ? System.nanoTime() : 0;
        List<String> stages = timed ? new ArrayList<>(batch.size()) : null;
        EventsConfig cfg = config;
        DeviceConfig device = deviceConfig == null ? null : deviceConfig.current();
        boolean full = device == null || device.funcModule().captureFullPicEnabled();
        boolean drawRect = device != null && device.funcModule().fullPicDrawRectEnabled();
        float fullQuality = (device == null ? 80 : device.funcModule().fullPicCompressLevel()) / 100f;
        float cropQuality = Math.max(10, Math.min(100, cfg.cropQuality())) / 100f;
        Map<EventQueue.FrameCopy, byte[]> fullJpegs = new IdentityHashMap<>();
        List<EventRepository.NewEvent> prepared = new ArrayList<>(batch.size());
        List<List<Pictures.Staged>> stagedPerEvent = new ArrayList<>(batch.size());
        for (EventQueue.Pending p : batch) {
            Long removed = removedChannels.get(p.event().videoNo());
            if (removed != null && p.event().timestampMillis() <= removed) {
                continue; // raised on a frame of a channel deleted since
            }
            List<Pictures.Staged> mine = new ArrayList<>(2);
            try {
                encodeNanos = 0;
                writeNanos = 0;
                EventRepository.NewEvent n = prepare(p, jpeg, full, drawRect, fullQuality, cropQuality,
                        cfg.cropPadding(), fullJpegs, mine);
                prepared.add(n);
                stagedPerEvent.add(mine);
                if (timed) {
                    stages.add("videoNo=" + p.event().videoNo() + " frameId=" + p.frame().frameId() + " targetId="
                            + p.event().targetId() + " eventId="
                            + n.event().id() + " recv=" + p.frame().recvTimestampMillis() + " dequeued="
                            + StageLog.wall(dequeuedNanos) + " encodeMs=" + StageLog.millis(encodeNanos)
                            + " writeMs=" + StageLog.millis(writeNanos) + " prepared="
                            + StageLog.wall(System.nanoTime()));
                }
            } catch (IOException | RuntimeException e) {
                pictures.discard(mine);
                failed.incrementAndGet();
                logFailure("event not stored (pictures): " + e);
            }
        }
        List<EventRepository.NewEvent> ready = new ArrayList<>(prepared.size());
        List<String> written = new ArrayList<>();
        List<Pictures.Staged> all = new ArrayList<>();
        stagedPerEvent.forEach(all::addAll);
        List<Pictures.Staged> notDurable = pictures.publish(all);
        long durableNanos = timed ? System.nanoTime() : 0;
        for (int i = 0; i < prepared.size(); i++) {
            List<Pictures.Staged> mine = stagedPerEvent.get(i);
            List<Pictures.Staged> lost = mine.stream().filter(notDurable::contains).toList();
            if (lost.isEmpty()) {
                ready.add(prepared.get(i));
                mine.forEach(st -> written.add(st.uri));
            } else {
                mine.stream().filter(st -> !lost.contains(st)).forEach(st -> pictures.delete(st.uri));
                failed.incrementAndGet();
                logFailure("event not stored (pictures): " + lost.get(0).failure);
            }
        }
        try {
            repository.commit(ready);
        } catch (RuntimeException e) {
            written.forEach(pictures::delete);
            failed.addAndGet(ready.size());
            logFailure("events not stored (database): " + e);
            return;
        }
        stored.addAndGet(ready.size());
        long committedNanos = timed ? System.nanoTime() : 0;
        for (EventRepository.NewEvent n : ready) {
            for (EventStoreListener l : listeners) {
                try {
                    l.eventStored(n.event());
                } catch (RuntimeException e) {
                    LOG.warn("EventStoreListener {} failed", l, e);
                }
            }
        }
        if (timed) {
            String tail = " durable=" + StageLog.wall(durableNanos) + " committed=" + StageLog.wall(committedNanos) + " notified=" + StageLog.wall(System.nanoTime())
                    + " batch=" + ready.size();
            stages.forEach(line -> StageLog.LOG.debug("stages {}{}", line, tail));
        }
        enforceCaps();
    }

    private EventRepository.NewEvent prepare(EventQueue.Pending p, JpegEncoder jpeg, boolean full, boolean drawRect,
            float fullQuality, float cropQuality, double padding, Map<EventQueue.FrameCopy, byte[]> fullJpegs,
            List<Pictures.Staged> written) throws IOException {
        AlarmEvent e = p.event();
        EventQueue.FrameCopy f = p.frame();
        long id = repository.allocateId();
        boolean havePixels = f.width() > 0 && f.height() > 0;
        Rect box = havePixels ? Rect.bounds(e.targetPoints(), f.width(), f.height()) : null;
        List<PixelPoint> points = box == null ? List.of()
                : List.of(new PixelPoint(box.x(), box.y()), new PixelPoint(box.x() + box.w(), box.y() + box.h()));
        long bytes = 0;
        String fullUri = null;
        String cropUri = null;
        if (havePixels && full) {
            byte[] data;
            if (drawRect && box != null) {
                long t0 = System.nanoTime();
                byte[] marked = f.bgr().clone();
                JpegEncoder.drawRect(marked, f.width(), f.height(), box);
                data = jpeg.encode(marked, f.width(), f.height(), fullQuality);
                encodeNanos += System.nanoTime() - t0;
            } else {
                long t0 = System.nanoTime();
                data = fullJpegs.computeIfAbsent(f, k -> jpeg.encode(k.bgr(), k.width(), k.height(), fullQuality));
                encodeNanos += System.nanoTime() - t0;
            }
            fullUri = Pictures.uri(id, e.videoNo(), e.targetId(), e.timestampMillis(), Pictures.Kind.FULL);
            long t0 = System.nanoTime();
            written.add(pictures.stage(fullUri, data));
            bytes += data.length;
            writeNanos += System.nanoTime() - t0;
        }
        Rect crop = havePixels ? Rect.crop(e.targetPoints(), f.width(), f.height(), padding) : null;
        if (crop != null) {
            long t0 = System.nanoTime();
            byte[] data = jpeg.encode(f.bgr(), f.width(), f.height(), crop, cropQuality);
            long t1 = System.nanoTime();
            cropUri = Pictures.uri(id, e.videoNo(), e.targetId(), e.timestampMillis(), Pictures.Kind.CROP);
            written.add(pictures.stage(cropUri, data));
            bytes += data.length;
            encodeNanos += t1 - t0;
            writeNanos += System.nanoTime() - t1;
        }
        String channelName = channelName(e.videoNo());
        StoredEvent se = new StoredEvent(id, repository.deviceId(), e.videoNo(), channelName, e.algType(),
                e.eventType(), e.areaId(), e.areaType(), e.alertorId(), e.targetType(), e.targetId(), points,
                e.frameId(), f.ptsMillis(), f.ptsMillis(), f.recvTimestampMillis(), e.timestampMillis(),
                repository.claimTrackTimes(e.videoNo(), e.targetId()), f.width(), f.height(), fullUri, cropUri,
                isAlert(e), true, e.face());
        return new EventRepository.NewEvent(se, bytes);
    }

    /**
     * Whether an event of this warehouse is an alert: a rule's event is; a face or structuring capture (algType 0/1,
     * every person or vehicle passing by) is a capture only, so it is listed by /captures but not by /alerts.
     */
    static boolean isAlert(int algType) {
        return algType != 0 && algType != 1;
    }

    /** A face capture is also an alert when it matched a bound group or is a stranger by the global setting. */
    static boolean isAlert(AlarmEvent e) {
        return isAlert(e.algType()) || (e.face() != null && (e.face().alert() || e.face().stranger()));
    }

    private String channelName(int videoNo) {
        VideoChannels v = videoChannels;
        if (v != null) {
            try {
                return v.channel(videoNo).map(VideoChannel::videoName).orElse("");
            } catch (RuntimeException e) {
                return "";
            }
        }
        String n = channelNames.apply(videoNo);
        return n == null ? "" : n;
    }

    private synchronized void logFailure(String message) {
        long now = System.nanoTime();
        if (now - lastFailureLogNanos > TimeUnit.SECONDS.toNanos(10)) {
            lastFailureLogNanos = now;
            LOG.warn("{} ({} failed so far)", message, failed.get());
        }
    }

    /** Deletes the oldest events while a cap is exceeded: records first (one transaction per batch), then files. */
    void enforceCaps() {
        EventsConfig cfg = config;
        int maxEvents = Math.max(0, cfg.maxEvents());
        long maxBytes = Math.max(0, cfg.maxPictureBytes());
        while (repository.overCap(maxEvents, maxBytes)) {
            List<StoredEvent> gone = repository.recycleOldest(maxEvents, maxBytes, RECYCLE_BATCH);
            if (gone.isEmpty()) {
                return;
            }
            deleteFiles(gone);
            recycled.addAndGet(gone.size());
        }
    }

    /**
     * At most once a second: while the file system is fuller than allowed, recycle the oldest 100 events — but keep
     * the newest {@value #KEPT_UNDER_DISK_PRESSURE}: when something else fills the disk, wiping the whole history
     * would free little and lose everything.
     */
    private void checkDisk() {
        int minFree = config.minFreeDiskPercent();
        long now = System.nanoTime();
        if (minFree <= 0 || now - lastDiskCheckNanos < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        lastDiskCheckNanos = now;
        try {
            int keep = keptUnderDiskPressure;
            for (int round = 0; round < 10 && repository.size() > keep; round++) {
                if (freeDiskPercent.get() >= minFree) {
                    return;
                }
                List<StoredEvent> gone = repository.deleteOldest(Math.min(100, repository.size() - keep));
                deleteFiles(gone);
                recycled.addAndGet(gone.size());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("disk check failed: {}", e.toString());
        }
    }

    private int measuredFreeDiskPercent() throws IOException {
        Path root = pictures.root();
        Files.createDirectories(root);
        FileStore fs = Files.getFileStore(root);
        long total = fs.getTotalSpace();
        return total <= 0 ? 100 : (int) (fs.getUsableSpace() * 100 / total);
    }

    /** Tests: a fake free-disk percentage and how many events disk pressure keeps. */
    void diskPressure(IntSupplierWithIo freePercent, int kept) {
        this.freeDiskPercent = freePercent;
        this.keptUnderDiskPressure = kept;
        this.lastDiskCheckNanos = 0;
    }

    private void deleteFiles(List<StoredEvent> gone) {
        for (StoredEvent e : gone) {
            for (String uri : new String[] {e.fullPicture(), e.cropPicture()}) {
                if (uri != null) {
                    pictures.delete(uri);
                    pictures.deleteEmptyParents(uri);
                }
            }
        }
    }

    // ---- deletions requested by REST and by the video bundle

    /** Takes matching events off one list; deletes those on no list any more (records, then files). */
    EventRepository.Removal unlist(java.util.function.Predicate<EventRepository.Entry> filter, boolean alerts) {
        EventRepository.Removal r = repository.unlist(filter, alerts);
        deleteFiles(r.deleted());
        return r;
    }

    /** {@code DELETE /videos/{videoNo}}: the channel's alerts and captures go with it (off the caller's thread). */
    @Override
    public void channelRemoved(VideoChannel channel) {
        int videoNo = channel.videoNo();
        removedChannels.put(videoNo, System.currentTimeMillis());
        lastCopies.remove(videoNo);
        tasks.add(() -> {
            List<StoredEvent> gone = repository.delete(e -> e.videoNo() == videoNo);
            deleteFiles(gone);
            if (!gone.isEmpty()) {
                LOG.info("channel {} deleted: {} stored event(s) deleted with it", videoNo, gone.size());
            }
        });
    }

    // ---- EventStore

    @Override
    public String deviceId() {
        return repository.deviceId();
    }

    @Override
    public Optional<StoredEvent> event(long id) {
        return repository.get(id);
    }

    @Override
    public List<StoredEvent> eventsAfter(long afterId, int limit) {
        return repository.after(afterId, Math.max(0, limit));
    }

    @Override
    public long lastId() {
        return repository.lastId();
    }

    @Override
    public int size() {
        return repository.size();
    }

    @Override
    public Optional<byte[]> picture(String uri) {
        return pictures.read(uri);
    }

    EventRepository repository() {
        return repository;
    }

    /** Counters for diagnostics and tests. */
    record Stats(long accepted, long dropped, int queued, long stored, long failed, long recycled, long orphansDeleted,
            int events, long pictureBytes) {
    }

    Stats stats() {
        return new Stats(queue.accepted(), queue.dropped(), queue.size(), stored.get(), failed.get(), recycled.get(),
                orphansDeleted.get(), repository.size(), repository.pictureBytes());
    }

    EventQueue queue() {
        return queue;
    }

    DeviceConfigService deviceConfig() {
        return deviceConfig;
    }

    // ---- optional references

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setDeviceConfig(DeviceConfigService service) {
        this.deviceConfig = service;
    }

    void unsetDeviceConfig(DeviceConfigService service) {
        if (this.deviceConfig == service) {
            this.deviceConfig = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setVideoChannels(VideoChannels service) {
        this.videoChannels = service;
    }

    void unsetVideoChannels(VideoChannels service) {
        if (this.videoChannels == service) {
            this.videoChannels = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(EventStoreListener listener) {
        listeners.add(listener);
    }

    void removeListener(EventStoreListener listener) {
        listeners.remove(listener);
    }

    /** Tests: channel names without a video bundle. */
    void channelNames(IntFunction<String> names) {
        this.channelNames = names;
    }
}
