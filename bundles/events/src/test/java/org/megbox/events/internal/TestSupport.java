package org.megbox.events.internal;

import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Point;

/** Synthetic frames and events (storage tests: these are not detection results) and a settable config. */
final class TestSupport {

    private TestSupport() {
    }

    /** A config whose values tests change. */
    static final class Config implements EventsConfig {
        int maxEvents = 100_000;
        long maxPictureBytes = 2L << 30;
        int minFreeDiskPercent = 0;
        int queueMaxEvents = 64;
        int queueMaxMegabytes = 96;
        boolean fsyncPictures = false;
        int cropQuality = 90;
        double cropPadding = 0.15;

        @Override
        public int maxEvents() {
            return maxEvents;
        }

        @Override
        public long maxPictureBytes() {
            return maxPictureBytes;
        }

        @Override
        public int minFreeDiskPercent() {
            return minFreeDiskPercent;
        }

        @Override
        public int queueMaxEvents() {
            return queueMaxEvents;
        }

        @Override
        public int queueMaxMegabytes() {
            return queueMaxMegabytes;
        }

        @Override
        public boolean fsyncPictures() {
            return fsyncPictures;
        }

        @Override
        public int cropQuality() {
            return cropQuality;
        }

        @Override
        public double cropPadding() {
            return cropPadding;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return EventsConfig.class;
        }
    }

    /** A BGR frame: left half blue, right half red, with a green square at (x0,y0) of side s. */
    static Frame frame(int videoNo, long frameId, long timeMillis, int w, int h) {
        byte[] bgr = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                if (x < w / 2) {
                    bgr[i] = (byte) 255;
                } else {
                    bgr[i + 2] = (byte) 255;
                }
            }
        }
        return new Frame(videoNo, frameId, frameId * 40, timeMillis, w, h, ByteBuffer.wrap(bgr).asReadOnlyBuffer());
    }

    static AlarmEvent event(int videoNo, long targetId, long timeMillis, String type, String target, int algType) {
        return new AlarmEvent(videoNo, algType, type, 1, "polygon", 2, target, targetId,
                List.of(new Point(0.6, 0.5), new Point(0.7, 0.8)), targetId * 10, timeMillis);
    }

    static AlarmEvent intrusion(int videoNo, long targetId, long timeMillis) {
        return event(videoNo, targetId, timeMillis, "intrusion", "person", 14);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
