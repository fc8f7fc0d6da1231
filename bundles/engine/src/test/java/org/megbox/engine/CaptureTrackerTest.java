package org.megbox.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.geometry.Box;

class CaptureTrackerTest {

    static Frame frame(long id) {
        ByteBuffer b = ByteBuffer.allocate(4 * 2 * 3);
        b.put(0, (byte) id); // the pixels tell which frame was copied
        return new Frame(1, id, id * 100, 0, 4, 2, b);
    }

    static Detection person(double x, float score) {
        return new Detection("person", score, new Box(x, 0.2, x + 0.1, 0.6));
    }

    @Test
    void oneCapturePerTrackWithItsBestFrame() {
        CaptureTracker<Void> t = new CaptureTracker<>();
        List<CaptureTracker.Capture<Void>> out = new ArrayList<>();
        float[] scores = {0.5f, 0.7f, 0.9f, 0.6f, 0.8f};
        for (int i = 0; i < scores.length; i++) {
            Frame f = frame(i + 1);
            // a walking person and a car standing still
            out.addAll(t.update(f, List.of(person(0.1 + 0.01 * i, scores[i]),
                    new Detection("car", 0.6f, new Box(0.6, 0.5, 0.9, 0.9)))));
            f.bgr().put(0, (byte) 99); // the decoder reuses its buffer
        }
        assertThat(out).isEmpty();
        for (int i = 0; i <= CaptureTracker.MAX_MISSES; i++) {
            out.addAll(t.update(frame(10 + i), List.of()));
        }
        assertThat(out).hasSize(2);
        CaptureTracker.Capture<Void> p = out.stream().filter(c -> c.targetType().equals("person")).findFirst().orElseThrow();
        assertThat(p.score()).isEqualTo(0.9f);
        assertThat(p.frame().frameId()).isEqualTo(3);
        assertThat(p.frame().bgr().get(0)).as("a private copy of frame 3's pixels").isEqualTo((byte) 3);
        assertThat(p.trackId()).isGreaterThan(CaptureTracker.ID_BASE);
        assertThat(p.firstSeenMillis()).as("frame 1's pts").isEqualTo(100);
        assertThat(p.lastSeenMillis()).as("frame 5's pts").isEqualTo(500);
        CaptureTracker.Capture<Void> car = out.stream().filter(c -> c.targetType().equals("car")).findFirst().orElseThrow();
        assertThat(car.trackId()).isNotEqualTo(p.trackId());
        assertThat(t.live()).isZero();
    }

    @Test
    void flickerYieldsNothingAndTypesDoNotMix() {
        CaptureTracker<Void> t = new CaptureTracker<>();
        List<CaptureTracker.Capture<Void>> out = new ArrayList<>();
        out.addAll(t.update(frame(1), List.of(person(0.1, 0.9f))));
        out.addAll(t.update(frame(2), List.of(person(0.1, 0.9f)))); // 2 sightings < MIN_HITS
        // same place, another type: a new track, not the person's
        out.addAll(t.update(frame(3), List.of(new Detection("cycle", 0.9f, new Box(0.1, 0.2, 0.2, 0.6)))));
        for (int i = 0; i < 10; i++) {
            out.addAll(t.update(frame(4 + i), List.of()));
        }
        assertThat(out).isEmpty();
    }

    @Test
    void flushCapturesTheConfirmedTracks() {
        CaptureTracker<Void> t = new CaptureTracker<>();
        for (int i = 0; i < CaptureTracker.MIN_HITS; i++) {
            t.update(frame(i), List.of(person(0.3, 0.8f)));
        }
        assertThat(t.flush()).hasSize(1);
        assertThat(t.flush()).isEmpty();
    }

    @Test
    void liveTracksAreBounded() {
        CaptureTracker<Void> t = new CaptureTracker<>();
        List<Detection> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new Detection("person", 0.9f, new Box(i * 0.025, 0, i * 0.025 + 0.02, 0.1)));
        }
        t.update(frame(1), many);
        assertThat(t.live()).isEqualTo(CaptureTracker.MAX_TRACKS);
    }

    @Test
    void theBestSightingKeepsItsPayload() {
        CaptureTracker<String> t = new CaptureTracker<>(5_000_000);
        float[] scores = {0.5f, 0.9f, 0.6f};
        for (int i = 0; i < scores.length; i++) {
            t.update(frame(i + 1), List.of(person(0.1, scores[i])), List.of("sighting " + (i + 1)));
        }
        List<CaptureTracker.Capture<String>> out = t.flush();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).payload()).isEqualTo("sighting 2");
        assertThat(out.get(0).trackId()).isGreaterThan(5_000_000);
    }
}
