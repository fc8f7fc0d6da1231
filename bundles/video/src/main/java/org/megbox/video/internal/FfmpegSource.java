package org.megbox.video.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.megbox.video.ConnectionStatus;

/**
 * One opened video source through FFmpeg (avformat + avcodec + swscale): decodes every packet of the best
 * video stream and converts a decoded picture to packed BGR24 only when asked. Every blocking FFmpeg call is
 * bounded by an interrupt callback with a deadline ({@link #OPEN_TIMEOUT_MILLIS} to open,
 * {@link #READ_TIMEOUT_MILLIS} per read) and aborts at once when {@link #abort()} is called from another
 * thread, so a dead source never blocks. Native buffers are allocated once per opened source and reused.
 * Used by one thread (except {@link #abort()}).
 */
final class FfmpegSource implements AutoCloseable {

    static final long OPEN_TIMEOUT_MILLIS = 5_000;
    static final long READ_TIMEOUT_MILLIS = 3_000;
    /** Largest picture decoded per channel (4K UHD); larger streams report OVER_MAX_RESOLUTION. */
    static final int MAX_PIXELS = 3840 * 2160;
    private static final int EAGAIN = -11;

    private static volatile boolean initialised;

    /** Deadline and abort flag consulted by FFmpeg during every blocking call. */
    private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {
        volatile long deadlineNanos = Long.MAX_VALUE;
        volatile boolean aborted;

        @Override
        public int call(Pointer opaque) {
            return aborted || System.nanoTime() - deadlineNanos > 0 ? 1 : 0;
        }
    }

    private final String url;
    private final Map<String, String> options;
    private final int decoderThreads;
    private final Interrupt interrupt = new Interrupt();
    private AVFormatContext fmt;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame frame;
    private int streamIndex = -1;
    private double timeBaseMillis;
    private SwsContext sws;
    private BytePointer bgr;
    private PointerPointer<BytePointer> dstData;
    private IntPointer dstStride;
    private int swsW;
    private int swsH;
    private int swsFmt = -1;
    private boolean draining;
    private long synthPts;

    /**
     * @param url what avformat opens (an RTSP URL, a file path)
     * @param options avformat options, e.g. {@code rtsp_transport=tcp}
     * @param decoderThreads avcodec threads for this source (1 keeps one core per channel at most)
     */
    FfmpegSource(String url, Map<String, String> options, int decoderThreads) {
        this.url = url;
        this.options = options;
        this.decoderThreads = decoderThreads;
    }

    /** Loads the native libraries (once) and silences FFmpeg's own logging on stderr. */
    static void initialise() {
        if (!initialised) {
            synchronized (FfmpegSource.class) {
                if (!initialised) {
                    av_log_set_level(AV_LOG_QUIET);
                    initialised = true;
                }
            }
        }
    }

    /** Makes any blocking call return now and every later one fail. Any thread. */
    void abort() {
        interrupt.aborted = true;
    }

    boolean aborted() {
        return interrupt.aborted;
    }

    void open() throws SourceException {
        initialise();
        fmt = avformat_alloc_context();
        if (fmt == null) {
            throw new SourceException(ConnectionStatus.CONNECT_FAILED, "out of memory");
        }
        AVIOInterruptCB cb = fmt.interrupt_callback();
        cb.callback(interrupt);
        AVDictionary dict = new AVDictionary(null);
        for (Map.Entry<String, String> e : options.entrySet()) {
            av_dict_set(dict, e.getKey(), e.getValue(), 0);
        }
        deadline(OPEN_TIMEOUT_MILLIS);
        int rc = avformat_open_input(fmt, url, null, dict);
        av_dict_free(dict);
        if (rc < 0) {
            fmt = null; // avformat_open_input frees the context on failure
            throw openFailure(rc, "open");
        }
        rc = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
        if (rc < 0) {
            throw openFailure(rc, "stream info");
        }
        streamIndex = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (streamIndex < 0) {
            throw new SourceException(ConnectionStatus.STREAM_FORMAT_ERROR, "no video stream: " + error(streamIndex));
        }
        AVStream stream = fmt.streams(streamIndex);
        timeBaseMillis = 1000.0 * stream.time_base().num() / Math.max(1, stream.time_base().den());
        int w = stream.codecpar().width();
        int h = stream.codecpar().height();
        if ((long) w * h > MAX_PIXELS) {
            throw new SourceException(ConnectionStatus.OVER_MAX_RESOLUTION, w + "x" + h + " is over " + MAX_PIXELS
                    + " pixels");
        }
        AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
        if (decoder == null) {
            throw new SourceException(ConnectionStatus.DECODE_FAILED, "no decoder for codec id "
                    + stream.codecpar().codec_id());
        }
        codec = avcodec_alloc_context3(decoder);
        if (avcodec_parameters_to_context(codec, stream.codecpar()) < 0) {
            throw new SourceException(ConnectionStatus.DECODE_FAILED, "codec parameters");
        }
        codec.thread_count(decoderThreads);
        rc = avcodec_open2(codec, decoder, (AVDictionary) null);
        if (rc < 0) {
            throw new SourceException(ConnectionStatus.DECODE_FAILED, "codec open: " + error(rc));
        }
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    private SourceException openFailure(int rc, String what) {
        if (interrupt.aborted) {
            return new SourceException(ConnectionStatus.CONNECT_FAILED, "aborted");
        }
        if (rc == AVERROR_HTTP_UNAUTHORIZED || rc == AVERROR_HTTP_FORBIDDEN) {
            return new SourceException(ConnectionStatus.AUTH_FAILED, what + ": " + error(rc));
        }
        if (rc == AVERROR_INVALIDDATA || rc == AVERROR_STREAM_NOT_FOUND) {
            return new SourceException(ConnectionStatus.STREAM_FORMAT_ERROR, what + ": " + error(rc));
        }
        if (rc == AVERROR_DECODER_NOT_FOUND) {
            return new SourceException(ConnectionStatus.DECODE_FAILED, what + ": " + error(rc));
        }
        if (rc == AVERROR_EXIT) {
            return new SourceException(ConnectionStatus.CONNECT_FAILED, what + ": timed out");
        }
        return new SourceException(ConnectionStatus.CONNECT_FAILED, what + ": " + error(rc));
    }

    private void deadline(long millis) {
        interrupt.deadlineNanos = System.nanoTime() + millis * 1_000_000L;
    }

    /**
     * Decodes up to the next picture.
     *
     * @return true when a picture is ready ({@link #width()}, {@link #ptsMillis()}, {@link #convertTo}); false at
     *         the end of the stream (after the decoder was drained)
     * @throws SourceException when reading fails, times out or was aborted
     */
    boolean next() throws SourceException {
        while (true) {
            int rc = avcodec_receive_frame(codec, frame);
            if (rc >= 0) {
                return true;
            }
            if (rc == AVERROR_EOF) {
                return false;
            }
            if (rc != EAGAIN) {
                throw new SourceException(ConnectionStatus.DECODE_FAILED, "decode: " + error(rc));
            }
            if (draining) {
                return false;
            }
            deadline(READ_TIMEOUT_MILLIS);
            rc = av_read_frame(fmt, packet);
            if (rc == AVERROR_EOF) {
                draining = true;
                avcodec_send_packet(codec, null); // flush: the decoder hands out what it still holds
                continue;
            }
            if (rc < 0) {
                throw new SourceException(ConnectionStatus.CONNECT_FAILED,
                        interrupt.aborted ? "aborted" : rc == AVERROR_EXIT ? "read timed out" : "read: " + error(rc));
            }
            try {
                if (packet.stream_index() == streamIndex) {
                    rc = avcodec_send_packet(codec, packet);
                    if (rc < 0 && rc != EAGAIN && rc != AVERROR_INVALIDDATA) {
                        throw new SourceException(ConnectionStatus.DECODE_FAILED, "decode: " + error(rc));
                    }
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    int width() {
        return frame.width();
    }

    int height() {
        return frame.height();
    }

    /** The picture's presentation time in milliseconds of stream time (synthesised when the stream has none). */
    long ptsMillis() {
        long ts = frame.best_effort_timestamp();
        if (ts == AV_NOPTS_VALUE) {
            ts = frame.pts();
        }
        if (ts == AV_NOPTS_VALUE) {
            synthPts += 40;
            return synthPts;
        }
        synthPts = Math.round(ts * timeBaseMillis);
        return synthPts;
    }

    /**
     * Converts the current picture to packed BGR24 in a native buffer of this source (reused) and copies it
     * into {@code out} at offset 0, rows of {@code width * 3} bytes.
     */
    void convertTo(byte[] out) throws SourceException {
        int w = frame.width();
        int h = frame.height();
        int pixFmt = frame.format();
        if (sws == null || w != swsW || h != swsH || pixFmt != swsFmt) {
            if ((long) w * h > MAX_PIXELS) {
                throw new SourceException(ConnectionStatus.OVER_MAX_RESOLUTION, w + "x" + h);
            }
            sws = sws_getCachedContext(sws, w, h, pixFmt, w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                    (DoublePointer) null);
            if (sws == null) {
                throw new SourceException(ConnectionStatus.DECODE_FAILED, "no conversion from pixel format " + pixFmt);
            }
            if (bgr != null) {
                bgr.close();
            }
            bgr = new BytePointer((long) w * h * 3);
            if (dstData == null) {
                dstData = new PointerPointer<>(4);
                dstStride = new IntPointer(4);
            }
            dstData.put(0, bgr);
            dstStride.put(0, w * 3);
            swsW = w;
            swsH = h;
            swsFmt = pixFmt;
        }
        sws_scale(sws, frame.data(), frame.linesize(), 0, h, dstData, dstStride);
        bgr.position(0).get(out, 0, w * h * 3);
    }

    static String error(int rc) {
        byte[] buf = new byte[128];
        av_strerror(rc, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + rc + ")";
    }

    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (fmt != null) {
            avformat_close_input(fmt);
            fmt = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (bgr != null) {
            bgr.close();
            bgr = null;
        }
        if (dstData != null) {
            dstData.close();
            dstStride.close();
            dstData = null;
            dstStride = null;
        }
        interrupt.close();
    }
}
