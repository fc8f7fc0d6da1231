package org.megbox.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.megbox.delivery.EventPayloads.Pictures;
import org.megbox.events.StoredEvent;

/** The encoders of §25.3, §25.4, §23.1 and their shared parts. */
class SpecPayloadsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MemoryEventStore store = new MemoryEventStore();
    private final SpecPayloads payloads = new SpecPayloads(store);

    private static String decoded(JsonNode n) {
        return new String(Base64.getDecoder().decode(n.asText()), StandardCharsets.UTF_8);
    }

    @Test
    void alertModeWebSocketHasCaptureFaceAndFullImageAndNoPhotoNorAlgType() throws Exception {
        StoredEvent e = store.add(2, 14, true);
        JsonNode p = MAPPER.readTree(payloads.alertModeJson(e, Pictures.ALL));
        assertEquals(java.util.List.of("alert_events", "captureFace", "fullImage", "device_id", "stream_id",
                "frame_id", "dts", "pts", "recv_ts"), iterable(p));
        JsonNode a = p.get("alert_events").get(0);
        assertEquals(3, a.get("area_id").asInt());
        assertEquals("polygon", a.get("area_type").asText());
        assertEquals(7, a.get("alertor_id").asInt());
        assertEquals("intrusion", a.get("alertor_type").asText());
        assertEquals("person", a.get("target").get("target_type").asText());
        assertEquals(1001, a.get("target").get("target_id").asLong());
        assertEquals("[{\"x\":10,\"y\":20},{\"x\":30,\"y\":40}]", a.get("target").get("points").toString());
        assertEquals("jpeg:./pictures/1_crop.jpg", decoded(p.get("captureFace")));
        assertEquals("jpeg:./pictures/1.jpg", decoded(p.get("fullImage")));
        assertEquals("0242AC11000200000000", p.get("device_id").asText());
        assertEquals(2, p.get("stream_id").asInt());
        assertEquals(10, p.get("frame_id").asLong());
        assertEquals(40, p.get("dts").asLong());
        assertEquals(40, p.get("pts").asLong());
        assertEquals(1_700_000_000_001L, p.get("recv_ts").asLong());
    }

    @Test
    void alertModePicturesFollowTheMasterAndTheirOwnSwitch() throws Exception {
        StoredEvent e = store.add(1, 14, true);
        JsonNode onlyBig = MAPPER.readTree(payloads.alertModeJson(e, new Pictures(true, true, false)));
        assertEquals("", onlyBig.get("captureFace").asText());
        assertFalse(onlyBig.get("fullImage").asText().isEmpty());
        JsonNode masterOff = MAPPER.readTree(payloads.alertModeJson(e, new Pictures(false, true, true)));
        assertEquals("", masterOff.get("captureFace").asText());
        assertEquals("", masterOff.get("fullImage").asText());
        JsonNode noCrop = MAPPER.readTree(payloads.alertModeJson(store.add(1), Pictures.ALL));
        assertEquals("", noCrop.get("captureFace").asText(), "an event without a crop");
    }

    @Test
    void httpAlertModeSharesTheFieldsAndHasPhotoAndAlgType() throws Exception {
        StoredEvent e = store.add(2, 14, true);
        HttpReports.Receiver r = new HttpReports.Receiver("http://x/", true, false, true, 2, 1, 1, false, false);
        JsonNode http = MAPPER.readTree(AlertModePayload.httpJson(e, r, store));
        JsonNode ws = MAPPER.readTree(payloads.alertModeJson(e, Pictures.NONE));
        assertEquals(java.util.List.of("alert_events", "photo", "device_id", "stream_id", "frame_id", "dts", "pts",
                "recv_ts", "algType"), iterable(http));
        for (String f : new String[] {"alert_events", "device_id", "stream_id", "frame_id", "dts", "pts", "recv_ts"}) {
            assertEquals(ws.get(f), http.get(f), f);
        }
        assertEquals("jpeg:./pictures/1.jpg", decoded(http.get("photo")));
        assertEquals(2, http.get("algType").asInt());
        assertEquals(1, MAPPER.readTree(AlertModePayload.httpJson(store.add(1, 0, false), r, store))
                .get("algType").asInt(), "face warehouse: a capture");
    }

    @Test
    void legacyAlertFrameIsHeaderJsonThenPicturesInTheListedOrder() throws Exception {
        StoredEvent e = store.add(3, 14, true);
        byte[] frame = payloads.legacyFrame(e, false, 42, Pictures.ALL);
        ByteBuffer b = ByteBuffer.wrap(frame);
        byte[] type = new byte[8];
        b.get(type);
        assertArrayEquals(new byte[] {'A', 'l', 'e', 'r', 't', 0, 0, 0}, type);
        int headLen = b.getInt();
        assertEquals(42, b.getInt());
        JsonNode json = MAPPER.readTree(Arrays.copyOfRange(frame, 16, 16 + headLen));
        assertEquals("0242AC11000200000000", json.get("deviceId").asText());
        assertEquals(3, json.get("videoNo").asInt());
        assertEquals("chn3", json.get("channelName").asText());
        assertEquals(1001, json.get("trackId").asLong());
        assertEquals(1, json.get("trackIdTimes").asInt());
        assertEquals(1_700_000_000_001L, json.get("timestamp").asLong());
        assertEquals("human", json.get("objType").asText());
        assertEquals("intrusion", json.get("alert_events").get(0).get("alertor_type").asText());
        byte[] crop = "jpeg:./pictures/1_crop.jpg".getBytes(StandardCharsets.UTF_8);
        byte[] full = "jpeg:./pictures/1.jpg".getBytes(StandardCharsets.UTF_8);
        assertEquals(crop.length, json.get("images").get("captureFace").asInt());
        assertEquals(full.length, json.get("images").get("fullImage").asInt());
        assertEquals(0, json.get("images").get("Top1").asInt());
        int at = 16 + headLen;
        assertArrayEquals(crop, Arrays.copyOfRange(frame, at, at + crop.length));
        assertArrayEquals(full, Arrays.copyOfRange(frame, at + crop.length, frame.length));
    }

    @Test
    void legacyCaptureFrameHasTopLevelLengthsAndCatchTimestamp() throws Exception {
        StoredEvent e = store.add(1, 0, true);
        byte[] frame = payloads.legacyFrame(e, true, 7, new Pictures(true, false, true));
        ByteBuffer b = ByteBuffer.wrap(frame);
        byte[] type = new byte[8];
        b.get(type);
        assertArrayEquals(new byte[] {'C', 'a', 'p', 't', 'u', 'r', 'e', 0}, type);
        int headLen = b.getInt();
        assertEquals(7, b.getInt());
        JsonNode json = MAPPER.readTree(Arrays.copyOfRange(frame, 16, 16 + headLen));
        byte[] crop = "jpeg:./pictures/1_crop.jpg".getBytes(StandardCharsets.UTF_8);
        assertEquals(crop.length, json.get("captureFace").asInt());
        assertEquals(0, json.get("fullImage").asInt(), "big picture switched off");
        assertEquals(1_700_000_000_001L, json.get("catchTimestamp").asLong());
        assertFalse(json.has("images"));
        assertEquals(16 + headLen + crop.length, frame.length);
    }

    @Test
    void legacyFrameWithoutPicturesHasZeroLengths() throws Exception {
        byte[] frame = payloads.legacyFrame(store.add(1, 14, true), false, 1, Pictures.NONE);
        int headLen = ByteBuffer.wrap(frame, 8, 4).getInt();
        assertEquals(16 + headLen, frame.length);
        JsonNode json = MAPPER.readTree(Arrays.copyOfRange(frame, 16, frame.length));
        assertEquals(0, json.get("images").get("captureFace").asInt());
        assertEquals(0, json.get("images").get("fullImage").asInt());
    }

    @Test
    void ackFollowsTheSpecExample() {
        // the spec's example Alert_01_1543893775_6018_ACK: two-digit channel, seconds, trackId
        StoredEvent e = new StoredEvent(5, "0242AC11000200000000", 1, "", 14, "intrusion", 0, "polygon", 0,
                "person", 6018, java.util.List.of(), 1, 1, 1, 1, 1_543_893_775_123L, 1, 1, 1, null, null, true,
                false);
        assertEquals("Alert_01_1543893775_6018_ACK", payloads.legacyAck(e, false));
        assertEquals("Capture_01_1543893775_6018_ACK", payloads.legacyAck(e, true));
    }

    @Test
    void heartbeatHasDeviceIdAndNowInMillis() throws Exception {
        long before = System.currentTimeMillis();
        JsonNode h = MAPPER.readTree(payloads.heartbeat());
        long after = System.currentTimeMillis();
        assertEquals("0242AC11000200000000", h.get("deviceId").asText());
        assertEquals(20, h.get("deviceId").asText().length());
        long t = h.get("timestamp").asLong();
        assertTrue(t >= before && t <= after, "now in ms: " + t);
        assertEquals(2, h.size());
    }

    private static java.util.List<String> iterable(JsonNode n) {
        java.util.List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
