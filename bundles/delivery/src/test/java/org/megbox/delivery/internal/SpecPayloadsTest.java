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
import org.megbox.api.event.CapturedFace;
import org.megbox.api.event.FaceMatch;
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
                "frame_id", "dts", "pts", "recv_ts", "timestamp"), iterable(p));
        assertEquals(1_700_000_000_001L, p.get("timestamp").asLong(), "the event's time (beyond §25.4, for the ACK)");
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

    // ---- faces (the face warehouse's CapturedFace) and boxes

    private static final FaceMatch MATCH = new FaceMatch("AAAAAAAAAAAAAAAAAAAAAA==", "BBBBBBBBBBBBBBBBBBBBBB==",
            87.5f, java.util.List.of("staff", "vip"), java.util.List.of("vip"));
    /** Recognised (vip's threshold reached), age 34, female, liveness 91, seen from +0 to +900 ms. */
    private static final CapturedFace RECOGNISED = new CapturedFace(34, 1, 91f, java.util.List.of(MATCH), true,
            false, 1_700_000_000_000L, 1_700_000_000_900L);
    private static final CapturedFace STRANGER = new CapturedFace(null, null, null, java.util.List.of(), false,
            true);

    /** A real 52x66 JPEG: the crop the events bundle cuts for the box (100,80)-(140,130) with 15 % padding. */
    private static byte[] jpeg(int w, int h) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "jpg", out);
        return out.toByteArray();
    }

    private StoredEvent face(CapturedFace f) throws Exception {
        StoredEvent e = store.addFace(4, f);
        store.picture(e.cropPicture(), jpeg(52, 66));
        return e;
    }

    private static JsonNode frameJson(byte[] frame) throws Exception {
        int headLen = ByteBuffer.wrap(frame, 8, 4).getInt();
        return MAPPER.readTree(Arrays.copyOfRange(frame, 16, 16 + headLen));
    }

    @Test
    void jpegSizeIsReadFromTheFrameHeader() throws Exception {
        assertArrayEquals(new int[] {52, 66}, JpegSize.of(jpeg(52, 66)));
        assertEquals(null, JpegSize.of("jpeg:./pictures/1.jpg".getBytes(StandardCharsets.UTF_8)));
        assertEquals(null, JpegSize.of(new byte[] {(byte) 0xFF, (byte) 0xD8}));
    }

    @Test
    void boxesPlaceTheCropInTheFrameAndTheTargetInTheCrop() throws Exception {
        JsonNode json = frameJson(payloads.legacyFrame(face(RECOGNISED), true, 1, Pictures.NONE));
        // crop 52x66 centred on the box's centre (120,105): left 94, top 72
        assertEquals("{\"left\":94,\"top\":72,\"right\":146,\"bottom\":138}", json.get("detectionResult").toString());
        assertEquals("{\"left\":6,\"top\":8,\"right\":46,\"bottom\":58}", json.get("targetResult").toString());
        // an event whose crop is no JPEG (or gone) gets no boxes rather than invented ones
        JsonNode none = frameJson(payloads.legacyFrame(store.add(1, 14, true), false, 1, Pictures.NONE));
        assertFalse(none.has("detectionResult"));
        assertFalse(none.has("targetResult"));
    }

    @Test
    void legacyAlertOfARecognisedFaceHasTheTop1MatchLivenessAndFlatAttributes() throws Exception {
        JsonNode json = frameJson(payloads.legacyFrame(face(RECOGNISED), false, 1, Pictures.NONE));
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA==", json.get("faceToken").asText());
        assertEquals("BBBBBBBBBBBBBBBBBBBBBB==", json.get("imageId").asText());
        assertEquals(87.5, json.get("searchScore").asDouble(), 1e-6);
        assertEquals("[{\"groupName\":\"vip\"}]", json.get("alertGroup").toString());
        assertEquals("[{\"groupName\":\"staff\"},{\"groupName\":\"vip\"}]", json.get("group").toString());
        assertEquals(91.0, json.get("livenessScore").asDouble(), 1e-6);
        assertEquals(1, json.get("aboveHigh").asInt());
        assertEquals("{\"age\":34,\"gender\":1}", json.get("faceAttr").toString(), "(S2): 1 female");
        assertEquals("face", json.get("objType").asText());
        assertEquals(3_000_001, json.get("trackId").asLong());
        assertFalse(json.has("bestStranger"), "a Capture field");
    }

    @Test
    void legacyCaptureOfAFaceHasBestStrangerAndEnterLeaveTimes() throws Exception {
        JsonNode json = frameJson(payloads.legacyFrame(face(RECOGNISED), true, 1, Pictures.NONE));
        assertFalse(json.get("bestStranger").asBoolean());
        assertEquals(1_700_000_000_000L, json.get("enterTimestamp").asLong());
        assertEquals(1_700_000_000_501L, json.get("catchTimestamp").asLong());
        assertEquals(1_700_000_000_900L, json.get("leaveTimestamp").asLong());
        assertFalse(json.has("faceToken"), "an Alert field");
        JsonNode stranger = frameJson(payloads.legacyFrame(face(STRANGER), true, 1, Pictures.NONE));
        assertTrue(stranger.get("bestStranger").asBoolean());
        assertFalse(stranger.has("enterTimestamp"), "not known");
        assertFalse(stranger.has("faceAttr"), "no model estimated anything");
    }

    @Test
    void legacyFramesOfOtherTargetsHaveNoFaceFields() throws Exception {
        JsonNode alert = frameJson(payloads.legacyFrame(store.add(1, 14, true), false, 1, Pictures.NONE));
        JsonNode capture = frameJson(payloads.legacyFrame(store.add(1, 1, true), true, 1, Pictures.NONE));
        for (String f : new String[] {"faceToken", "searchScore", "livenessScore", "aboveHigh", "faceAttr",
            "bestStranger", "enterTimestamp"}) {
            assertFalse(alert.has(f), f);
            assertFalse(capture.has(f), f);
        }
    }

    private static HttpReports.Receiver http(int eventType, boolean small, boolean big) {
        return new HttpReports.Receiver("http://x/", small || big, small, big, eventType, 1, 1, false, false);
    }

    @Test
    void httpFaceCaptureIsTheP4PushWithPicturesAndMd5() throws Exception {
        StoredEvent e = face(RECOGNISED);
        HttpReceiver r = new HttpReceiver("main", http(1, true, true), HttpReceiver.Timing.SPEC,
                java.net.http.HttpClient.newHttpClient(), store);
        JsonNode p = MAPPER.readTree(r.body(e));
        byte[] crop = jpeg(52, 66);
        assertEquals("chn4", p.get("screen_token").asText());
        assertArrayEquals(crop, Base64.getDecoder().decode(p.get("photo").asText()));
        assertEquals(FaceHttpPayload.md5(crop), p.get("photo_md5").asText());
        assertEquals(32, p.get("photo_md5").asText().length());
        assertEquals("jpeg:./pictures/" + e.id() + ".jpg", decoded(p.get("fullImage")));
        assertEquals(FaceHttpPayload.md5(("jpeg:./pictures/" + e.id() + ".jpg").getBytes(StandardCharsets.UTF_8)),
                p.get("fullImage_md5").asText());
        assertEquals(34.0, p.get("age").asDouble(), 1e-6);
        assertEquals(2.0, p.get("gender").asDouble(), 1e-6, "(S1) coding: 2 female");
        assertEquals(87.5, p.get("confidence").asDouble(), 1e-6);
        assertEquals(0, p.get("event_type").asInt(), "recognised");
        assertEquals(91.0, p.get("fmp").asDouble(), 1e-6);
        assertFalse(p.has("fmp_error"), "the liveness threshold is not stored with the event");
        assertEquals("3000001", p.get("track_id").asText());
        assertTrue(p.get("track_die").asBoolean());
        assertEquals(e.timestamp(), p.get("timestamp").asLong());
        assertEquals(4, p.get("video_number").asInt());
        assertEquals("0242AC11000200000000", p.get("device_id").asText());
        assertFalse(p.get("bestStranger").asBoolean());
        assertEquals("face", p.get("objType").asText());
        assertEquals("{\"age\":34,\"gender\":2}", p.get("faceAttr").toString());
        assertEquals(94, p.get("detectionResult").get("left").asInt());
        assertEquals(1, p.get("algType").asInt());
        assertFalse(p.has("alert_events"), "not the §25.3 push");
        assertFalse(p.has("ImageID"), "a P6 field");
    }

    @Test
    void httpRecognitionIsTheP6PushWhenTheReceiverTakesRecognitions() throws Exception {
        StoredEvent e = face(RECOGNISED);
        HttpReceiver r = new HttpReceiver("main", http(2, false, false), HttpReceiver.Timing.SPEC,
                java.net.http.HttpClient.newHttpClient(), store);
        assertTrue(r.accepts(e), "a recognition alert");
        JsonNode p = MAPPER.readTree(r.body(e));
        assertEquals(0, p.get("stranger_flag").asInt());
        assertEquals("BBBBBBBBBBBBBBBBBBBBBB==", p.get("ImageID").asText());
        assertEquals("[{\"groupName\":\"vip\"}]", p.get("alertGroup").toString());
        assertFalse(p.has("photo"), "captureUpload off: absent, as §23.2 says");
        assertFalse(p.has("fullImage"));
        assertFalse(p.has("bestStranger"), "a P4 field");

        JsonNode stranger = MAPPER.readTree(r.body(face(STRANGER)));
        assertEquals(1, stranger.get("stranger_flag").asInt());
        assertEquals(1, stranger.get("event_type").asInt(), "unrecognised");
        assertFalse(stranger.has("confidence"));
        assertFalse(stranger.has("age"));
        assertFalse(stranger.has("faceAttr"));
    }

    @Test
    void httpEventTypeDecidesWhichFacesGo() throws Exception {
        StoredEvent plain = face(new CapturedFace(30, 0, null, java.util.List.of(), false, false));
        StoredEvent alert = face(RECOGNISED);
        HttpReceiver captures = new HttpReceiver("main", http(1, false, false), HttpReceiver.Timing.SPEC,
                java.net.http.HttpClient.newHttpClient(), store);
        HttpReceiver recognitions = new HttpReceiver("main", http(2, false, false), HttpReceiver.Timing.SPEC,
                java.net.http.HttpClient.newHttpClient(), store);
        assertTrue(captures.accepts(plain));
        assertTrue(captures.accepts(alert));
        assertFalse(MAPPER.readTree(captures.body(alert)).has("stranger_flag"), "P4 for a captures receiver");
        assertFalse(recognitions.accepts(plain), "a capture that recognised nothing");
        assertTrue(recognitions.accepts(alert));
        // an alert-mode event still gets §25.3
        assertTrue(MAPPER.readTree(recognitions.body(store.add(1))).has("alert_events"));
    }

    private static java.util.List<String> iterable(JsonNode n) {
        java.util.List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
