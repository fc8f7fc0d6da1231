package org.megbox.video.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.megbox.api.analysis.Frame;
import org.megbox.video.ChannelStats;
import org.megbox.video.ConnectionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decoder thread of a channel: opens the source, decodes every packet, converts a picture to BGR only
 * when a subscriber of the channel's {@link FrameHub} is due, and reopens the source with exponential backoff
 * after any failure, an end of stream or a stall. Local files are paced to real time (a live source paces
 * itself) and loop: their end is handled like a disconnect. {@link #stop()} returns within about a second
 * whatever the source is doing.
 */
final class ChannelDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelDecoder.class);
    static final long STALL_MILLIS = 3_000;

    private final int videoNo;
    private final String url;
    private final int rotation;
    private final FrameHub hub;
    private final boolean pace;
    private final int decoderThreads;
    private final StatusMachine status;
    private final Backoff backoff = new Backoff(500, 10_000);
    private final Thread thread;
    private final Object sleeper = new Object();
    private volatile boolean stopped;
    private volatile FfmpegSource current;
    private volatile long openingSince = System.currentTimeMillis();
    private volatile int width;
    private volatile int height;
    private volatile String lastError = "";
    private final AtomicLong decoded;
    private final AtomicLong reconnects;
    private byte[] scratch = new byte[0];

    /**
     * @param counters the channel number's decoded/reconnect counters, kept across decoders of that number
     */
    ChannelDecoder(int videoNo, String url, String username, String password, int rotation, FrameHub hub,
            boolean paceFiles, int decoderThreads, AtomicLong[] counters,
            BiConsumer<ConnectionStatus, ConnectionStatus> onStatus) {
        this.videoNo = videoNo;
        this.url = withCredentials(url, username, password);
        this.rotation = rotation;
        this.hub = hub;
        this.pace = paceFiles && isLocalFile(url);
        this.decoderThreads = decoderThreads;
        this.decoded = counters[0];
        this.reconnects = counters[1];
        this.status = new StatusMachine(STALL_MILLIS, onStatus);
        this.thread = new Thread(this::run, "megbox-video-" + videoNo);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops decoding: aborts any blocking FFmpeg call, waits up to {@code waitMillis} for the thread. */
    void stop(long waitMillis) {
        stopped = true;
        FfmpegSource s = current;
        if (s != null) {
            s.abort();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("video {}: decoder thread still busy {} ms after stop; it will end on its own", videoNo,
                    waitMillis);
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    ConnectionStatus status() {
        return status.status();
    }

    /** Called periodically: a stalled connection is reported as failed even while a read still blocks. */
    void checkStall(long nowMillis) {
        status.checkStall(nowMillis, openingSince);
    }

    ChannelStats stats() {
        return new ChannelStats(videoNo, status.status(), width, height, decoded.get(), hub.converted(),
                hub.delivered(), hub.dropped(), reconnects.get(), status.lastFrameMillis(), lastError);
    }

    private void run() {
        boolean first = true;
        while (!stopped) {
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            long framesBefore = decoded.get();
            openingSince = System.currentTimeMillis();
            try (FfmpegSource source = new FfmpegSource(url, options(), decoderThreads)) {
                current = source;
                if (stopped) {
                    break;
                }
                source.open();
                decodeLoop(source);
                if (!stopped) {
                    lastError = "end of stream";
                    if (!pace) { // a live source that ends is gone; a file loops without a status change
                        status.failed(ConnectionStatus.CONNECT_FAILED);
                    }
                }
            } catch (SourceException e) {
                if (stopped) {
                    break;
                }
                lastError = e.getMessage();
                status.failed(e.reason());
                LOG.debug("video {}: {} ({})", videoNo, e.getMessage(), e.reason());
            } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
                if (stopped) {
                    break;
                }
                lastError = e.toString();
                status.failed(ConnectionStatus.DECODE_FAILED);
                LOG.warn("video {}: decoder failed", videoNo, e);
            } finally {
                current = null;
            }
            if (stopped) {
                break;
            }
            if (decoded.get() > framesBefore) {
                backoff.reset();
            }
            long delay = pace && "end of stream".equals(lastError) ? 0 : backoff.nextDelayMillis();
            sleep(delay);
        }
        LOG.debug("video {}: decoder stopped", videoNo);
    }

    private void decodeLoop(FfmpegSource source) throws SourceException {
        long paceBaseWall = -1;
        long paceBasePts = 0;
        long lastPts = Long.MIN_VALUE;
        while (!stopped && source.next()) {
            long now = System.currentTimeMillis();
            long pts = source.ptsMillis();
            long frameId = hub.nextFrameId();
            decoded.incrementAndGet();
            status.frame(now);
            if (pace) {
                if (paceBaseWall < 0 || pts < lastPts || pts - lastPts > 5_000) {
                    paceBaseWall = System.nanoTime();
                    paceBasePts = pts;
                }
                lastPts = pts;
                long dueNanos = paceBaseWall + (pts - paceBasePts) * 1_000_000L;
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime());
                if (waitMillis > 0) {
                    sleep(Math.min(waitMillis, 1_000));
                    now = System.currentTimeMillis();
                    status.frame(now);
                }
            }
            if (!hub.beginFrame(pts)) {
                continue;
            }
            int w = source.width();
            int h = source.height();
            int bytes = w * h * 3;
            int outW = Pixels.rotatedWidth(w, h, rotation);
            int outH = Pixels.rotatedHeight(w, h, rotation);
            ByteBuffer target = hub.acquireBuffer(bytes);
            if (rotation == 0) {
                source.convertTo(target.array());
            } else {
                if (scratch.length != bytes) {
                    scratch = new byte[bytes];
                }
                source.convertTo(scratch);
                Pixels.rotateCopy(scratch, w * 3, w, h, rotation, target.array());
            }
            target.position(0).limit(bytes);
            width = outW;
            height = outH;
            hub.publish(new Frame(videoNo, frameId, pts, now, outW, outH, target));
        }
    }

    private void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        long end = System.nanoTime() + millis * 1_000_000L;
        synchronized (sleeper) {
            long left;
            while (!stopped && (left = end - System.nanoTime()) > 0) {
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
    }

    private Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        if (url.startsWith("rtsp://") || url.startsWith("rtsps://")) {
            o.put("rtsp_transport", "tcp");
            o.put("timeout", String.valueOf(FfmpegSource.READ_TIMEOUT_MILLIS * 1000)); // socket I/O, microseconds
        } else if (!isLocalFile(url)) {
            o.put("rw_timeout", String.valueOf(FfmpegSource.READ_TIMEOUT_MILLIS * 1000));
        }
        o.put("probesize", "1000000");
        o.put("analyzeduration", "1000000");
        return o;
    }

    static boolean isLocalFile(String url) {
        return url.startsWith("/") || url.startsWith("file:");
    }

    /** Puts user and password into an RTSP/HTTP URL that has no user part of its own. */
    static String withCredentials(String url, String username, String password) {
        if (username == null || username.isEmpty() || isLocalFile(url)) {
            return url;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        String rest = url.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (authority.contains("@")) {
            return url;
        }
        String user = enc(username) + (password == null || password.isEmpty() ? "" : ":" + enc(password));
        return url.substring(0, scheme + 3) + user + "@" + rest;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL without its password, for logs. */
    static String redacted(String url) {
        try {
            URI u = URI.create(url);
            return u.getUserInfo() == null ? url : url.replace(u.getRawUserInfo() + "@", "***@");
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
