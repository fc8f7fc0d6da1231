package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.megbox.dist.IntrusionAlerts.counters;
import static org.megbox.dist.IntrusionAlerts.pushKey;
import static org.megbox.dist.IntrusionAlerts.storedCount;
import static org.megbox.dist.IntrusionAlerts.storedKeys;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.megbox.dist.DeliveryReceiver.Push;

/**
 * Issue 5's durable HTTP delivery end to end: real intrusion alerts of vtest.avi (RTSP on 127.0.0.1) pushed by the
 * box to a real HTTP receiver on 127.0.0.1 configured through {@code POST /devices/httpReports} with
 * {@code persistReport}. Every push has the §25.3 fields; the receiver is stopped for a while and restarted: every
 * alert stored meanwhile arrives, in storage order, none lost (compared with {@code GET /alerts}); the box is
 * SIGKILLed with a backlog and restarted: the backlog is delivered. {@code GET /delivery/counters} agrees. No timing
 * is asserted; every wait has a generous deadline.
 */
class DeliveryIT extends RtspBoxTest {

    static final String P = "/v1/MEGBOX";
    static final java.time.Duration DEADLINE = java.time.Duration.ofSeconds(90);

    DeliveryReceiver receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        box.await(what, DEADLINE, 250, () -> "counters " + box.get(P + "/delivery/counters").body() + "; received "
                + receiver.pushes().size(), condition);
    }

    Set<String> receivedKeys() {
        Set<String> out = new LinkedHashSet<>();
        receiver.pushes().forEach(p -> out.add(pushKey(p.body())));
        return out;
    }

    /**
     * Ids strictly ascending except a repeat of the one in flight when the receiver or the box went away; frame ids
     * ascending within each run of the box (a restarted box counts the channel's frames from 0 again).
     */
    static void assertInOrder(List<Push> pushes, int boxRestarts) {
        long last = 0;
        long lastFrame = 0;
        int repeats = 0;
        int frameResets = 0;
        for (Push p : pushes) {
            if (p.eventId() == last) {
                repeats++;
                continue;
            }
            assertThat(p.eventId()).as("event ids ascending").isGreaterThan(last);
            long frame = p.body().path("frame_id").asLong();
            if (frame < lastFrame) {
                frameResets++;
            }
            last = p.eventId();
            lastFrame = frame;
        }
        assertThat(frameResets).as("frame ids ascending within a run of the box").isLessThanOrEqualTo(boxRestarts);
        assertThat(repeats).as("at most the in-flight event repeated, per interruption").isLessThanOrEqualTo(2);
    }

    /** §23.4: the target ids of the restarted box (its frame ids start again) are above every id of before. */
    static void assertTargetIdsGrowAcrossTheRestart(List<Push> pushes) {
        long maxBefore = 0;
        boolean restarted = false;
        for (int i = 0; i < pushes.size(); i++) {
            restarted |= i == firstOfTheRestartedBox(pushes);
            for (JsonNode e : pushes.get(i).body().path("alert_events")) {
                long id = e.at("/target/target_id").asLong();
                if (!restarted) {
                    maxBefore = Math.max(maxBefore, id);
                } else {
                    assertThat(id).as("target_id after the restart").isGreaterThan(maxBefore);
                }
            }
        }
        assertThat(restarted).as("pushes of the restarted box").isTrue();
    }

    /** The index of the first push whose frame id is below the one before (the restarted box), else -1. */
    static int firstOfTheRestartedBox(List<Push> pushes) {
        for (int i = 1; i < pushes.size(); i++) {
            if (pushes.get(i).body().path("frame_id").asLong() < pushes.get(i - 1).body().path("frame_id").asLong()) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void everyAlertReachesTheReceiverInOrderThroughOutagesAndASigkill() throws Exception {
        requireRtsp();
        rtsp = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        receiver = new DeliveryReceiver(Box.freePort()).start();
        box = Box.create(work).start();

        Reply set = box.post(P + "/devices/httpReports", "{\"enable\": true, \"main\": {\"url\": \"" + receiver.url()
                + "\", \"captureUpload\": true, \"bigCaptureUpload\": true, \"eventType\": 2, \"interval\": 1,"
                + " \"persistReport\": true}}");
        assertThat(set.code()).as("%s", set).isZero();
        IntrusionAlerts.start(box, rtsp.url());

        // 1. pushes arrive with the spec's §25.3 fields
        long started = System.currentTimeMillis();
        await("3 pushes", () -> receiver.pushes().size() >= 3);
        Push first = receiver.pushes().get(0);
        JsonNode p = first.body();
        JsonNode a = p.at("/alert_events/0");
        IntrusionAlerts.assertRuleEvent(a);
        assertThat(a.at("/target/target_id").isIntegralNumber()).isTrue();
        for (JsonNode pt : a.at("/target/points")) {
            assertThat(pt.path("x").asInt()).isBetween(0, 768);
            assertThat(pt.path("y").asInt()).isBetween(0, 576);
        }
        byte[] photo = Base64.getDecoder().decode(p.path("photo").asText());
        assertThat(photo.length).as("the background picture").isGreaterThan(1000);
        assertThat(photo[0] & 0xff).as("JPEG SOI").isEqualTo(0xFF);
        assertThat(photo[1] & 0xff).isEqualTo(0xD8);
        assertThat(p.path("device_id").asText()).matches("[0-9A-F]{12}0{8}");
        assertThat(p.path("stream_id").asInt()).isEqualTo(1);
        assertThat(p.path("frame_id").asLong()).isPositive();
        assertThat(p.path("pts").asLong()).isEqualTo(p.path("dts").asLong());
        long recvTs = p.path("recv_ts").asLong();
        assertThat(recvTs).as("recv_ts: Unix ms of the frame's arrival").isBetween(started - 60_000, first.arrivedMillis());
        assertThat(p.path("algType").asInt()).isEqualTo(2);

        // 2. the receiver is down for a while: what is stored meanwhile waits, then arrives in order
        receiver.stop();
        int storedAtStop = storedCount(box);
        await("5 alerts stored while the receiver is down", () -> storedCount(box) >= storedAtStop + 5);
        await("retries counted", () -> counters(box, "main").path("retried").asLong() > 0);
        JsonNode down = counters(box, "main");
        assertThat(down.path("active").asBoolean()).isTrue();
        assertThat(down.path("address").asText()).isEqualTo(receiver.url());
        assertThat(down.path("backlog").asLong()).isGreaterThanOrEqualTo(4);
        receiver.start();
        List<String> stored = storedKeys(box);
        await("every stored alert delivered after the outage", () -> receivedKeys().containsAll(stored));
        assertInOrder(receiver.pushes(), 0);
        assertThat(storedKeys(box)).as("nothing received that is not stored").containsAll(receivedKeys());

        // 3. SIGKILL with a backlog (receiver down), restart both: the backlog is delivered
        receiver.stop();
        int storedBeforeKill = storedCount(box);
        await("a backlog of 3", () -> storedCount(box) >= storedBeforeKill + 3
                && counters(box, "main").path("backlog").asLong() >= 3);
        List<String> beforeKill = storedKeys(box);
        box.kill9();
        box.start();
        receiver.start();
        await("the backlog of before the kill delivered", () -> receivedKeys().containsAll(beforeKill));
        List<String> all = storedKeys(box);
        await("everything stored so far delivered", () -> receivedKeys().containsAll(all));
        await("an alert of the restarted box", () -> firstOfTheRestartedBox(receiver.pushes()) > 0);
        List<Push> pushes = receiver.pushes();
        assertInOrder(pushes, 1);
        assertTargetIdsGrowAcrossTheRestart(pushes);
        assertThat(storedKeys(box)).as("nothing received that is not stored").containsAll(receivedKeys());

        // 4. the counters agree with what arrived
        long lastId = pushes.get(pushes.size() - 1).eventId();
        await("the cursor at the last received event",
                () -> counters(box, "main").path("lastDelivered").asLong() >= lastId);
        JsonNode c = counters(box, "main");
        long distinct = pushes.stream().mapToLong(Push::eventId).distinct().count();
        assertThat(c.path("sent").asLong()).as("%s", c).isGreaterThanOrEqualTo(distinct - 2);
        assertThat(c.path("dropped").asLong()).as("%s", c).isZero();
        assertThat(c.path("retried").asLong()).as("%s", c).isPositive();
        assertThat(c.path("active").asBoolean()).isTrue();
        System.out.printf("DeliveryIT: %d pushes (%d distinct events) of %d stored alerts; counters %s%n",
                pushes.size(), distinct, storedCount(box), c);
    }
}
