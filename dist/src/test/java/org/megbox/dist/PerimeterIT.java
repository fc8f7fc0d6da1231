package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.megbox.dist.Alerts.Alert;

/**
 * The perimeter warehouse end to end on real video: {@code rtsp-serve} plays vtest.avi (768x576, people walking on a
 * plaza) on 127.0.0.1, the box decodes it, the perimeter warehouse's NanoDet finds the people and the engine raises
 * alerts, read back black-box (GET /alerts, see {@link Alerts}).
 *
 * <ul>
 * <li>rule 1, four copies of one area over the lower part of the plaza, person intrusion: duration 0 / cooldown 1 s
 * alerts, and every alert's target is a person whose foot point lies in the area; the same alertor with a
 * {@code timeRange} excluding now raises nothing, with {@code duration} 60 s nothing (the test ends before), with
 * {@code cooldown_duration} 1800 s at most one;</li>
 * <li>rule 2, three tripwires on one vertical line across the walkway: drawn A→B one-way, B→A one-way, A→B both ways.
 * The two one-way lines count disjoint crossings whose union is exactly what the two-way line counts;</li>
 * <li>a rule using an event the warehouse does not analyse (fall) is stored but reports NO_ANALYZER;</li>
 * <li>the source is killed: the channel reports it; back: the channel reconnects and alerts come again.</li>
 * </ul>
 * No timing is asserted; every wait has a generous deadline.
 */
class PerimeterIT extends RtspBoxTest {

    static final String V = "/v1/MEGBOX/videos";
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** The area: the lower half of the plaza, where people walk across. */
    static final double[][] AREA = {{0.05, 0.42}, {0.95, 0.42}, {0.95, 0.98}, {0.05, 0.98}};
    /** A vertical line across the walkway, drawn top to bottom. */
    static final double[][] LINE = {{0.5, 0.25}, {0.5, 0.95}};


    static String points(double[][] pts) {
        return java.util.Arrays.stream(pts).map(p -> String.format(java.util.Locale.ROOT, "{\"x\": %.3f, \"y\": %.3f}", p[0], p[1]))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static double[][] reversed(double[][] pts) {
        return new double[][] {pts[1], pts[0]};
    }

    static String area(int id, String type, double[][] pts) {
        return "{\"area_type\": \"" + type + "\", \"area_id\": " + id + ", \"alertor_ids\": [" + id + "], \"points\": "
                + points(pts) + "}";
    }

    static String alertor(int id, String type, int duration, int cooldown, int from, int to) {
        return "{\"alertor_id\": " + id + ", \"alertor_type\": [\"" + type + "\"], \"target_min\": 0, \"target_max\": 1,"
                + " \"target_type\": [\"person\"], \"duration\": " + duration + ", \"cooldown_duration\": " + cooldown
                + ", \"timeRange\": [" + from + ", " + to + "]}";
    }

    static String rule(int ruleIndex, List<String> areas, List<String> alertors) {
        return "{\"surveillanceEnabled\": true, \"ruleIndex\": " + ruleIndex + ", \"ruleEnable\": true, \"algType\": 14,"
                + " \"alertRules\": {\"proc\": \"init_rules\", \"customizedOptions\": {\"area_list\": ["
                + String.join(", ", areas) + "], \"alertor_configs\": [" + String.join(", ", alertors) + "]}}}";
    }

    /** A one-hour window of the box's day (its zone is this JVM's: same machine) that excludes now. */
    static int[] excludingNow() {
        int now = LocalTime.now(ZoneId.systemDefault()).toSecondOfDay();
        int from = (now + 6 * 3600) % 86400;
        return new int[] {from, (from + 3600) % 86400};
    }

    JsonNode channel(int videoNo) {
        for (JsonNode v : box.get("/v1/MEGBOX/multiAlgVideos").json().at("/data/videos")) {
            if (v.get("videoNo").asInt() == videoNo) {
                return v;
            }
        }
        throw new AssertionError("no channel " + videoNo);
    }

    int status(int videoNo) {
        for (JsonNode v : box.get(V).json().at("/data/videos")) {
            if (v.get("videoNo").asInt() == videoNo) {
                return v.get("videoConStatus").asInt();
            }
        }
        throw new AssertionError("no channel " + videoNo);
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        box.await(what, DEADLINE, 250, () -> "rules " + box.get("/v1/MEGBOX/multiAlgVideos").body(), condition);
    }

    /** Rule 1's alerts (intrusion) of one area. */
    static List<Alert> in(List<Alert> alerts, int areaId) {
        return alerts.stream().filter(a -> a.areaId() == areaId && a.alertorType().equals("intrusion")).toList();
    }

    static boolean inside(double x, double y, double[][] rect, double tolerance) {
        return x >= rect[0][0] - tolerance && x <= rect[1][0] + tolerance && y >= rect[0][1] - tolerance
                && y <= rect[2][1] + tolerance;
    }

    @Test
    void intrusionAndTripwiresOnRealVideo() throws Exception {
        requireRtsp();
        int port = RtspServer.freePort();
        rtsp = new RtspServer(RtspServer.VTEST, port).start();
        box = Box.create(work).javaOpts(Alerts.DEBUG_OPTS).start();
        Alerts alerts = new Alerts(box, 768, 576);

        // the warehouse says what it analyses
        JsonNode perimeter = null;
        for (JsonNode w : box.get("/v1/MEGBOX/warehouses").json().at("/data/warehouses")) {
            if (w.get("symbolicName").asText().equals("org.megbox.alg.perimeter")) {
                perimeter = w;
            }
        }
        assertThat(perimeter).isNotNull();
        assertThat(perimeter.at("/analyzer/available").asBoolean()).as("%s", perimeter).isTrue();
        Set<String> analysed = new HashSet<>();
        perimeter.at("/analyzer/events").forEach(e -> analysed.add(e.asText()));
        assertThat(analysed).contains("intrusion", "tripwire").doesNotContain("fall", "smoke", "fight");

        assertThat(box.post(V, "{\"videoNo\": 1, \"videoName\": \"plaza\", \"url\": \"" + rtsp.url()
                + "\", \"rotation\": 0}").code()).isZero();
        int[] off = excludingNow();
        Reply r1 = box.post("/v1/MEGBOX/multiAlgVideos/1/multiAlert", rule(1,
                List.of(area(1, "polygon", AREA), area(2, "polygon", AREA), area(3, "polygon", AREA),
                        area(4, "polygon", AREA)),
                List.of(alertor(1, "intrusion", 0, 1, 0, 86400), alertor(2, "intrusion", 0, 1, off[0], off[1]),
                        alertor(3, "intrusion", 60, 1, 0, 86400), alertor(4, "intrusion", 0, 1800, 0, 86400))));
        long posted = System.nanoTime();
        assertThat(r1.code()).as("%s", r1).isZero();
        Reply r2 = box.post("/v1/MEGBOX/multiAlgVideos/1/multiAlert", rule(2,
                List.of(area(1, "single_line", LINE), area(2, "single_line", reversed(LINE)),
                        area(3, "single_line_both", LINE)),
                List.of(alertor(1, "tripwire", 0, 0, 0, 86400), alertor(2, "tripwire", 0, 0, 0, 86400),
                        alertor(3, "tripwire", 0, 0, 0, 86400))));
        assertThat(r2.code()).as("%s", r2).isZero();
        assertThat(channel(1).at("/algRules/0/ruleStatus").asText()).isEqualTo("RUNNING");
        assertThat(channel(1).at("/algRules/1/ruleStatus").asText()).isEqualTo("RUNNING");

        // a rule using an event without a model is kept but does not run
        assertThat(box.post(V, "{\"videoNo\": 2, \"videoName\": \"other\", \"url\": \"rtsp://127.0.0.1:9/none\","
                + " \"rotation\": 0}").code()).isZero();
        assertThat(box.post("/v1/MEGBOX/multiAlgVideos/2/multiAlert", rule(1, List.of(area(1, "polygon", AREA)),
                List.of(alertor(1, "fall", 0, 1, 0, 86400)))).code()).isZero();
        assertThat(channel(2).at("/algRules/0/ruleStatus").asText()).isEqualTo("NO_ANALYZER");
        assertThat(channel(2).at("/algRules/0/ruleStatusDetail").asText()).contains("fall");

        // intrusion: persons with their feet in the area
        await("intrusion alerts of several persons", () -> {
            List<Alert> a = in(alerts.of(1), 1);
            return a.size() >= 4 && a.stream().map(Alert::targetId).distinct().count() >= 2;
        });
        List<Alert> all = alerts.of(1);
        boolean within60s = System.nanoTime() - posted < Duration.ofSeconds(55).toNanos();
        List<Alert> base = in(all, 1);
        for (Alert a : base) {
            assertThat(a.alertorType()).isEqualTo("intrusion");
            assertThat(a.targetType()).isEqualTo("person");
            assertThat(a.x2() - a.x1()).as("%s", a).isBetween(0.005, 0.5);
            assertThat(a.y2() - a.y1()).as("%s", a).isBetween(0.02, 0.8);
            assertThat(inside(a.footX(), a.footY(), AREA, 0.02)).as("foot point of %s in the area", a).isTrue();
        }
        assertThat(in(all, 2)).as("timeRange %d..%d excludes now", off[0], off[1]).isEmpty();
        if (within60s) {
            assertThat(in(all, 3)).as("nobody stays 60 s before the test gets here").isEmpty();
        }
        assertThat(in(all, 4)).as("cooldown 1800 s: one alert at most").hasSizeLessThanOrEqualTo(1);

        // tripwires: one-way lines split the two-way line's crossings by direction
        await("crossings in both directions", () -> {
            List<Alert> a = alerts.of(1).stream().filter(x -> x.alertorType().equals("tripwire")).toList();
            return keys(a, 1, Long.MAX_VALUE).size() >= 1 && keys(a, 2, Long.MAX_VALUE).size() >= 1
                    && keys(a, 3, Long.MAX_VALUE).size() >= 3;
        });
        List<Alert> trips = stableTripwires(alerts);
        long lastFrame = trips.stream().mapToLong(Alert::frameId).max().orElseThrow();
        Set<String> ab = keys(trips, 1, lastFrame);
        Set<String> ba = keys(trips, 2, lastFrame);
        Set<String> both = keys(trips, 3, lastFrame);
        assertThat(ab).as("crossings A->B").isNotEmpty();
        assertThat(ba).as("crossings B->A").isNotEmpty();
        assertThat(ab).as("A->B and B->A are disjoint").doesNotContainAnyElementsOf(ba);
        Set<String> union = new HashSet<>(ab);
        union.addAll(ba);
        assertThat(union).as("one-way crossings together = two-way crossings").isEqualTo(both);
        trips.forEach(t -> assertThat(t.targetType()).isEqualTo("person"));
        System.out.printf("PerimeterIT: %d intrusion alerts of %d persons; crossings A->B %d, B->A %d, both %d%n",
                base.size(), base.stream().map(Alert::targetId).distinct().count(), ab.size(), ba.size(), both.size());

        // the camera dies: the channel says so; it comes back: reconnected, and alerts follow
        rtsp.kill();
        await("channel 1 reported disconnected", () -> status(1) == 1);
        int before = stableCount(alerts); // alerts raised before the cut, possibly still being stored
        rtsp = new RtspServer(RtspServer.VTEST, port).start();
        await("channel 1 reconnected", () -> status(1) == 0);
        await("alerts again after the reconnect", () -> in(alerts.of(1), 1).size() > before);
    }

    /** Rule 1's area-1 alert count, read until two reads a second apart agree. */
    static int stableCount(Alerts alerts) throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 20; i++) {
            int now = in(alerts.of(1), 1).size();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        return last;
    }

    /** The tripwire alerts, read until two reads agree (events are stored asynchronously). */
    static List<Alert> stableTripwires(Alerts alerts) throws InterruptedException {
        List<Alert> last = null;
        for (int i = 0; i < 20; i++) {
            List<Alert> now = alerts.of(1).stream().filter(x -> x.alertorType().equals("tripwire")).toList();
            if (last != null) {
                long f = last.stream().mapToLong(Alert::frameId).max().orElse(0);
                List<Alert> l = last;
                if (now.stream().filter(a -> a.frameId() <= f).count() == l.size()) {
                    return l;
                }
            }
            last = now;
            Thread.sleep(500);
        }
        return last;
    }

    static Set<String> keys(List<Alert> alerts, int areaId, long maxFrame) {
        return alerts.stream().filter(a -> a.areaId() == areaId && a.frameId() <= maxFrame)
                .map(a -> a.frameId() + "/" + a.targetId()).collect(Collectors.toSet());
    }
}
