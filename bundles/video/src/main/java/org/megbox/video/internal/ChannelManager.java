package org.megbox.video.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.video.ChannelStats;
import org.megbox.video.ConnectionStatus;
import org.megbox.video.FaceSurveillance;
import org.megbox.video.FrameSubscription;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannelListener;
import org.megbox.video.VideoChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the channels: loads them from the database at activation and starts their decoders; applies changes
 * as commit-then-publish (the immutable snapshot that reads return is replaced only after the transaction
 * committed, and decoders are started/stopped after that); tells {@link VideoChannelListener}s.
 *
 * <p>Registered under its own (private) class too, so that this bundle's endpoint reaches the update methods;
 * other bundles see only {@link VideoChannels}.
 */
@Component(service = {VideoChannels.class, ChannelManager.class}, immediate = true)
public final class ChannelManager implements VideoChannels {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelManager.class);

    /** avcodec threads per channel: 1 (many channels on few cores); {@code -Dmegbox.video.decoderThreads=N}. */
    static final int DECODER_THREADS = Integer.getInteger("megbox.video.decoderThreads", 1);

    private final Database database;
    private final KeyValueStore<Long, JsonNode> store;
    private final List<VideoChannelListener> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private final FrameHub[] hubs = new FrameHub[MAX_CHANNELS + 1];
    private final AtomicLong[][] counters = new AtomicLong[MAX_CHANNELS + 1][];
    private final Map<Integer, ChannelDecoder> decoders = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final boolean startDecoders;
    private volatile Map<Integer, ChannelConfig> snapshot;

    @Activate
    public ChannelManager(@Reference(name = "database") Database database) {
        this(database, true);
    }

    /** {@code startDecoders=false}: channels are stored and listed but never opened (unit tests of the API). */
    ChannelManager(Database database, boolean startDecoders) {
        this.database = database;
        this.startDecoders = startDecoders;
        for (int i = 1; i <= MAX_CHANNELS; i++) {
            hubs[i] = new FrameHub(i);
            counters[i] = new AtomicLong[] {new AtomicLong(), new AtomicLong()};
        }
        this.store = database.longStore(ChannelConfig.STORE, ChannelConfig.codec());
        this.snapshot = Collections.unmodifiableMap(load());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "megbox-video-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::checkStalls, 500, 500, TimeUnit.MILLISECONDS);
        for (ChannelConfig c : snapshot.values()) {
            startDecoder(c);
        }
        LOG.info("{} video channel(s) loaded", snapshot.size());
    }

    private Map<Integer, ChannelConfig> load() {
        Map<Integer, ChannelConfig> m = new TreeMap<>();
        Map<Long, JsonNode> stored;
        try {
            stored = store.entries();
        } catch (UncheckedIOException e) {
            LOG.error("video channels are unreadable; starting without them", e);
            return m;
        }
        for (Map.Entry<Long, JsonNode> e : stored.entrySet()) {
            ChannelConfig c;
            try {
                c = ChannelConfig.fromStored(e.getValue());
            } catch (RuntimeException ex) {
                c = null;
            }
            if (c == null || c.videoNo() != e.getKey() || c.videoNo() < 1 || c.videoNo() > MAX_CHANNELS) {
                LOG.warn("stored video channel {} is unusable; ignored", e.getKey());
                continue;
            }
            m.put(c.videoNo(), c);
        }
        return m;
    }

    @Deactivate
    void deactivate() {
        watchdog.shutdownNow();
        List<ChannelDecoder> all = new ArrayList<>(decoders.values());
        decoders.clear();
        all.forEach(d -> d.stop(0));
        all.forEach(d -> d.stop(2_000));
    }

    // ---- reads (never wait) ----

    Map<Integer, ChannelConfig> configs() {
        return snapshot;
    }

    ConnectionStatus status(int videoNo) {
        ChannelDecoder d = decoders.get(videoNo);
        return d == null ? ConnectionStatus.CONNECTING : d.status();
    }

    @Override
    public List<VideoChannel> channels() {
        List<VideoChannel> out = new ArrayList<>();
        for (ChannelConfig c : snapshot.values()) {
            out.add(c.toApi(status(c.videoNo())));
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<VideoChannel> channel(int videoNo) {
        ChannelConfig c = snapshot.get(videoNo);
        return c == null ? Optional.empty() : Optional.of(c.toApi(status(videoNo)));
    }

    @Override
    public Optional<FaceSurveillance> faceSurveillance(int videoNo) {
        ChannelConfig c = snapshot.get(videoNo);
        return c == null ? Optional.empty() : Optional.of(c.faceSurveillance());
    }

    @Override
    public Optional<ChannelStats> stats(int videoNo) {
        if (!snapshot.containsKey(videoNo)) {
            return Optional.empty();
        }
        ChannelDecoder d = decoders.get(videoNo);
        if (d != null) {
            return Optional.of(d.stats());
        }
        FrameHub h = hubs[videoNo];
        return Optional.of(new ChannelStats(videoNo, ConnectionStatus.CONNECTING, 0, 0, counters[videoNo][0].get(),
                h.converted(), h.delivered(), h.dropped(), counters[videoNo][1].get(), 0, ""));
    }

    @Override
    public FrameSubscription subscribe(int videoNo, double fps) {
        if (videoNo < 1 || videoNo > MAX_CHANNELS) {
            throw new IllegalArgumentException("videoNo " + videoNo + " is outside 1.." + MAX_CHANNELS);
        }
        if (Double.isNaN(fps) || fps < 0) {
            throw new IllegalArgumentException("fps must be >= 0: " + fps);
        }
        return hubs[videoNo].subscribe(fps);
    }

    FrameHub hub(int videoNo) {
        return hubs[videoNo];
    }

    // ---- writes: validate, commit, publish, then act ----

    /** POST /videos: 104011 when the number is taken, 104008 when all channels are in use. */
    void add(ChannelConfig c) {
        synchronized (writeLock) {
            Map<Integer, ChannelConfig> before = snapshot;
            if (before.containsKey(c.videoNo())) {
                throw new ApiException(ErrorCode.VIDEO_CH_EXIST);
            }
            if (before.size() >= MAX_CHANNELS) {
                throw new ApiException(ErrorCode.VIDEO_CH_OVER_LIMIT);
            }
            database.transaction(() -> store.put((long) c.videoNo(), c.toStored()));
            publish(before, m -> m.put(c.videoNo(), c));
            LOG.info("video {} added: {}", c.videoNo(), c);
            startDecoder(c);
            VideoChannel api = c.toApi(status(c.videoNo()));
            notifyListeners(l -> l.channelAdded(api));
        }
    }

    /**
     * Changes an existing channel; {@code missing} is the error when there is none (104017 for PUT /videos/{n},
     * 104009 for the surveillance settings). The decoder restarts only when what it opens changed.
     */
    void update(int videoNo, ErrorCode missing, UnaryOperator<ChannelConfig> change) {
        synchronized (writeLock) {
            Map<Integer, ChannelConfig> before = snapshot;
            ChannelConfig prev = before.get(videoNo);
            if (prev == null) {
                throw new ApiException(missing);
            }
            ChannelConfig next = change.apply(prev);
            if (next.equals(prev)) {
                return;
            }
            database.transaction(() -> store.put((long) videoNo, next.toStored()));
            publish(before, m -> m.put(videoNo, next));
            LOG.info("video {} changed: {}", videoNo, next);
            if (!next.sameStream(prev)) {
                stopDecoder(videoNo);
                startDecoder(next);
            }
            VideoChannel a = prev.toApi(status(videoNo));
            VideoChannel b = next.toApi(status(videoNo));
            notifyListeners(l -> l.channelUpdated(a, b));
        }
    }

    /** DELETE /videos/{n}: 104009 when there is no such channel. Its decoder stops before this returns. */
    void delete(int videoNo) {
        synchronized (writeLock) {
            Map<Integer, ChannelConfig> before = snapshot;
            ChannelConfig prev = before.get(videoNo);
            if (prev == null) {
                throw new ApiException(ErrorCode.NO_VIDEO);
            }
            VideoChannel api = prev.toApi(status(videoNo));
            database.transaction(() -> store.remove((long) videoNo));
            publish(before, m -> m.remove(videoNo));
            stopDecoder(videoNo);
            hubs[videoNo].clearMailboxes();
            LOG.info("video {} deleted", videoNo);
            notifyListeners(l -> l.channelRemoved(api));
        }
    }

    /** GET /videos/{n}/trackReset: 104009 when there is no such channel. */
    void trackReset(int videoNo) {
        if (!snapshot.containsKey(videoNo)) {
            throw new ApiException(ErrorCode.NO_VIDEO);
        }
        notifyListeners(l -> l.trackReset(videoNo));
    }

    private void publish(Map<Integer, ChannelConfig> before, Consumer<Map<Integer, ChannelConfig>> change) {
        Map<Integer, ChannelConfig> next = new TreeMap<>(before);
        change.accept(next);
        snapshot = Collections.unmodifiableMap(next);
    }

    // ---- decoders ----

    private void startDecoder(ChannelConfig c) {
        if (!startDecoders) {
            return;
        }
        int n = c.videoNo();
        ChannelDecoder d = new ChannelDecoder(n, c.url(), c.username(), c.password(), c.rotation(), hubs[n], true,
                DECODER_THREADS, counters[n], (from, to) -> statusChanged(n, from, to));
        decoders.put(n, d);
        d.start();
    }

    private void stopDecoder(int videoNo) {
        ChannelDecoder d = decoders.remove(videoNo);
        if (d != null) {
            d.stop(2_000);
        }
    }

    private void statusChanged(int videoNo, ConnectionStatus from, ConnectionStatus to) {
        ChannelConfig c = snapshot.get(videoNo);
        if (c == null) {
            return; // a decoder that is being stopped
        }
        if (to == ConnectionStatus.CONNECTED) {
            LOG.info("video {}: connected", videoNo);
        } else {
            ChannelDecoder d = decoders.get(videoNo);
            LOG.info("video {}: {} (videoConStatus {}){}", videoNo, to, to.conStatus(),
                    d == null ? "" : ": " + d.stats().lastError());
        }
        notifyListeners(l -> l.statusChanged(videoNo, from, to));
    }

    private void checkStalls() {
        long now = System.currentTimeMillis();
        for (ChannelDecoder d : decoders.values()) {
            try {
                d.checkStall(now);
            } catch (RuntimeException e) {
                LOG.warn("video watchdog", e);
            }
        }
    }

    // ---- listeners ----

    private void notifyListeners(Consumer<VideoChannelListener> call) {
        for (VideoChannelListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("video channel listener {} failed", l, e);
            }
        }
    }

    /** A listener bound after channels exist is told about each of them, as if they had just been added. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(VideoChannelListener listener) {
        listeners.add(listener);
        Map<Integer, ChannelConfig> current = snapshot;
        if (current == null) {
            return; // bound during construction: the constructor's channels are not published yet
        }
        for (ChannelConfig c : current.values()) {
            try {
                listener.channelAdded(c.toApi(status(c.videoNo())));
            } catch (RuntimeException e) {
                LOG.error("video channel listener {} failed", listener, e);
            }
        }
    }

    void removeListener(VideoChannelListener listener) {
        listeners.remove(listener);
    }
}
