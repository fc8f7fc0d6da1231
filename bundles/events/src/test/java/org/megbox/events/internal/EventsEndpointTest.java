package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.megbox.events.internal.TestSupport.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.api.event.AlarmEvent;
import org.megbox.config.DetectType;
import org.megbox.config.DeviceConfig;
import org.megbox.config.DeviceConfigService;
import org.megbox.config.FunctionModules;
import org.megbox.config.HttpMode;
import org.megbox.config.ModelSwitches;
import org.megbox.config.PushMode;
import org.megbox.config.VideoMode;
import org.megbox.config.WorkMode;
import org.megbox.config.MegConnectConfig;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.BinaryReply;
import org.megbox.rest.RestRequest;

/** The query endpoints over a real store: paging, filters, the three /captures shapes, deletions, pictures. */
class EventsEndpointTest {

    /** 2025-11-24T16:00:00Z. */
    private static final long T0 = 1_764_000_000_000L;

    @TempDir
    Path dir;

    private MapDbDatabase db;
    private EventsService service;
    private EventsEndpoint endpoint;
    private DeviceConfig device;

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        service = new EventsService(db, dir, new TestSupport.Config());
        service.channelNames(n -> "chn" + n);
        endpoint = new EventsEndpoint(service);
        device = null;
    }

    @AfterEach
    void close() {
        service.close();
        db.close();
    }

    private void useDetectType(DetectType type, boolean capturePicEnabled) {
        DeviceConfigService real = new DeviceConfigService() {
            @Override
            public DeviceConfig current() {
                return device;
            }

            @Override
            public MegConnectConfig megConnect() {
                return null;
            }
        };
        // the config bundle's defaults, with the fields under test changed
        device = new DeviceConfig(
                new ModelSwitches(VideoMode.VIDEO_STREAM, WorkMode.BLACK_NAME_LIST, PushMode.BEST, HttpMode.HTTP, false,
                        false, 6, 30),
                new FunctionModules(capturePicEnabled, false, true, 0, type, 10_000, 50_000, 80, false, 500, 5, 5, 2, 5,
                        5, 2, false));
        endpoint.setDeviceConfig(real);
    }

    private void store(AlarmEvent... events) throws InterruptedException {
        int before = service.size();
        for (AlarmEvent e : events) {
            service.accept(e, TestSupport.frame(e.videoNo(), e.frameId(), e.timestampMillis(), 160, 120));
        }
        await(() -> service.size() == before + events.length, events.length + " stored");
    }

    /** Ten intrusion events, one a second from T0, channels 1 and 2 alternating, target ids 1..10. */
    private void storeTen() throws InterruptedException {
        AlarmEvent[] ten = new AlarmEvent[10];
        for (int i = 0; i < 10; i++) {
            ten[i] = TestSupport.intrusion(1 + i % 2, i + 1, T0 + i * 1000L);
        }
        store(ten);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> data, String name) {
        return (List<Map<String, Object>>) data.get(name);
    }

    private static ApiException error(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void emptyStoreAnswersEmptyListsWithTheSpecsSpellings() {
        Map<String, Object> alerts = data(endpoint.alerts(FakeRequest.get("/alerts")));
        assertThat(alerts).containsOnlyKeys("totalAlarts", "alertsEvent");
        assertThat(alerts.get("totalAlarts")).isEqualTo(0);
        Map<String, Object> captures = data(endpoint.captures(FakeRequest.get("/captures")));
        assertThat(captures).containsOnlyKeys("toltalCaptures", "captures");
        assertThat(data(endpoint.structure(FakeRequest.get("/captures/human"), org.megbox.api.warehouse.TargetType.PERSON)))
                .containsEntry("toltalCaptures", 0);
    }

    @Test
    void pageTokenWalksAllPagesAndTotalsCountEverything() throws Exception {
        storeTen();
        List<Object> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            RestRequest r = token == null ? FakeRequest.get("/alerts", "pageSize", "4")
                    : FakeRequest.get("/alerts", "pageToken", token, "pageSize", "4");
            Map<String, Object> d = data(endpoint.alerts(r));
            assertThat(d.get("totalAlarts")).isEqualTo(10);
            list(d, "alertsEvent").forEach(a -> seen.add(a.get("trackId")));
            token = d.containsKey("nextPageToken") ? d.get("nextPageToken").toString() : null;
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        // "pageToken empty = from 0"
        assertThat(list(data(endpoint.alerts(FakeRequest.get("/alerts", "pageToken", "", "pageSize", "2"))),
                "alertsEvent")).extracting(a -> a.get("trackId")).containsExactly(1L, 2L);
        // the last page has no nextPageToken
        Map<String, Object> last = data(endpoint.alerts(FakeRequest.get("/alerts", "pageToken", "9", "pageSize", "4")));
        assertThat(last).doesNotContainKey("nextPageToken");
        assertThat(list(last, "alertsEvent")).hasSize(2);
    }

    @Test
    void pageTokenIsACursorThatSurvivesRecycling() throws Exception {
        storeTen();
        Map<String, Object> first = data(endpoint.alerts(FakeRequest.get("/alerts", "pageSize", "3")));
        String next = first.get("nextPageToken").toString();
        // the three oldest events are recycled meanwhile: the next page still starts where the client stopped
        service.unlist(e -> e.id() <= 3, true);
        service.unlist(e -> e.id() <= 3, false);
        Map<String, Object> second = data(endpoint.alerts(FakeRequest.get("/alerts", "pageToken", next, "pageSize", "3")));
        assertThat(list(second, "alertsEvent")).extracting(a -> a.get("trackId")).containsExactly(4L, 5L, 6L);
    }

    @Test
    void pageOffsetSkipsMatches() throws Exception {
        storeTen();
        Map<String, Object> d = data(endpoint.alerts(FakeRequest.get("/alerts", "pageOffset", "8", "pageSize", "5")));
        assertThat(list(d, "alertsEvent")).extracting(a -> a.get("trackId")).containsExactly(9L, 10L);
        assertThat(d).doesNotContainKey("nextPageToken");
        Map<String, Object> mid = data(endpoint.alerts(FakeRequest.get("/alerts", "pageOffset", "2", "pageSize", "3")));
        assertThat(list(mid, "alertsEvent")).extracting(a -> a.get("trackId")).containsExactly(3L, 4L, 5L);
        assertThat(mid.get("nextPageToken")).isEqualTo(6L);
    }

    @Test
    void badPagingAndTimeParametersAre104001NamingThem() {
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "pageSize", "0"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:pageSize");
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "pageSize", "1001"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:pageSize");
        assertThat(error(() -> endpoint.captures(FakeRequest.get("/captures", "pageSize", "ten"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:pageSize");
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "pageToken", "-1"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:pageToken");
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "pageToken", "2", "pageOffset", "1")))
                .getMessage()).isEqualTo("ILLEGAL_ARGUMENT:pageOffset");
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "timeStart", "x", "timeEnd", "1.5")))
                .getMessage()).isEqualTo("ILLEGAL_ARGUMENT:timeStart,timeEnd");
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "timeStart", "20", "timeEnd", "10")))
                .getMessage()).isEqualTo("ILLEGAL_ARGUMENT:timeEnd");
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "chnNo", "0"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:chnNo");
        assertThat(error(() -> endpoint.alerts(FakeRequest.get("/alerts", "QueryType", "3", "Dedup", "2")))
                .getMessage()).isEqualTo("ILLEGAL_ARGUMENT:QueryType,Dedup");
        assertThat(error(() -> endpoint.captures(FakeRequest.get("/captures", "alertObjType", "dragon")))
                .getMessage()).isEqualTo("ILLEGAL_ARGUMENT:alertObjType");
        assertThat(error(() -> endpoint.captures(FakeRequest.get("/captures", "alertType", "zero"))).error().code())
                .isEqualTo(104001);
    }

    @Test
    void timeFiltersAreUnixSecondsInclusiveAndChnNoFilters() throws Exception {
        storeTen(); // T0 + 0s .. T0 + 9s
        long s = T0 / 1000;
        Map<String, Object> d = data(endpoint.alerts(FakeRequest.get("/alerts", "timeStart", Long.toString(s + 2),
                "timeEnd", Long.toString(s + 4))));
        assertThat(d.get("totalAlarts")).isEqualTo(3);
        assertThat(list(d, "alertsEvent")).extracting(a -> a.get("trackId")).containsExactly(3L, 4L, 5L);
        assertThat(data(endpoint.alerts(FakeRequest.get("/alerts", "timeStart", Long.toString(s + 8))))
                .get("totalAlarts")).isEqualTo(2);
        assertThat(data(endpoint.alerts(FakeRequest.get("/alerts", "timeEnd", Long.toString(s))))
                .get("totalAlarts")).isEqualTo(1);
        Map<String, Object> chn2 = data(endpoint.captures(FakeRequest.get("/captures", "chnNo", "2")));
        assertThat(chn2.get("toltalCaptures")).isEqualTo(5);
        assertThat(list(chn2, "captures")).allSatisfy(c -> assertThat(c.get("videoNo")).isEqualTo(2));
    }

    @Test
    void anAlertCarriesTheLegacyFieldsAndTheAlertEventsShape() throws Exception {
        store(TestSupport.intrusion(1, 7, T0));
        Map<String, Object> a = list(data(endpoint.alerts(FakeRequest.get("/alerts"))), "alertsEvent").get(0);
        assertThat(a).containsEntry("channelName", "chn1").containsEntry("trackId", 7L).containsEntry("timestamp", T0)
                .containsEntry("videoNo", 1).containsEntry("area_id", 1).containsEntry("area_type", "polygon")
                .containsEntry("alertor_id", 2).containsEntry("alertor_type", "intrusion").containsEntry("stream_id", 1)
                .containsEntry("frame_id", 70L).containsEntry("algType", 14);
        assertThat((String) a.get("captureImageURL")).matches("\\./pictures/2025/11/24/16/1_1_7_crop\\.jpg");
        assertThat((String) a.get("captureFullImageURL")).matches("\\./pictures/2025/11/24/16/1_1_7_full\\.jpg");
        assertThat((String) a.get("device_id")).hasSize(20);
        assertThat(a.get("target").toString()).isEqualTo("{target_type=person, target_id=7, points=[{x=96, y=60}, {x=112, y=96}]}");
        assertThat(a).doesNotContainKeys("top1", "faceAttr", "livenessScore");
    }

    @Test
    void dedupAndLibraryQueries() throws Exception {
        store(TestSupport.intrusion(1, 5, T0), TestSupport.intrusion(1, 5, T0 + 1), TestSupport.intrusion(2, 5, T0 + 2));
        assertThat(data(endpoint.alerts(FakeRequest.get("/alerts", "Dedup", "1"))).get("totalAlarts")).isEqualTo(2);
        assertThat(data(endpoint.alerts(FakeRequest.get("/alerts", "Dedup", "0"))).get("totalAlarts")).isEqualTo(3);
        // no event is a face compared with the library
        assertThat(data(endpoint.alerts(FakeRequest.get("/alerts", "QueryType", "1"))).get("totalAlarts")).isEqualTo(0);
        assertThat(data(endpoint.alerts(FakeRequest.get("/alerts", "faceToken", "abc"))).get("totalAlarts"))
                .isEqualTo(0);
    }

    @Test
    void alertModeCapturesBySettingOrByParameter() throws Exception {
        store(TestSupport.intrusion(1, 7, T0), TestSupport.event(1, 8, T0 + 1, "tripwire", "car", 14),
                TestSupport.event(1, 9, T0 + 2, "tripwire", "person", 14));
        // §9 shape by default
        Map<String, Object> c9 = list(data(endpoint.captures(FakeRequest.get("/captures"))), "captures").get(0);
        assertThat(c9).containsKeys("channelName", "trackId", "imageURI", "fullImageURI", "catchTimestamp")
                .doesNotContainKeys("alertType", "rule_id");
        // §25.2 when the request filters by alert type
        Map<String, Object> byType = data(endpoint.captures(FakeRequest.get("/captures", "alertType", "29")));
        assertThat(byType.get("toltalCaptures")).isEqualTo(2);
        Map<String, Object> c = list(byType, "captures").get(0);
        assertThat(c).containsEntry("videoNo", 1).containsEntry("trackId", 8L).containsEntry("trackIdTimes", 1)
                .containsEntry("rule_id", 2).containsEntry("area_id", 1).containsEntry("alertType", 29)
                .containsEntry("alertSubType", 1).containsEntry("areaType", 5).containsEntry("objType", "car")
                .containsEntry("catchTimestamp", T0 + 1).containsKeys("imageURI", "fullImageURI");
        // the retired indices: 1 person tripwire, 3 vehicle tripwire, 2 person intrusion
        assertThat(data(endpoint.captures(FakeRequest.get("/captures", "alertType", "1"))).get("toltalCaptures"))
                .isEqualTo(1);
        assertThat(data(endpoint.captures(FakeRequest.get("/captures", "alertType", "3"))).get("toltalCaptures"))
                .isEqualTo(1);
        assertThat(data(endpoint.captures(FakeRequest.get("/captures", "alertType", "2"))).get("toltalCaptures"))
                .isEqualTo(1);
        assertThat(data(endpoint.captures(FakeRequest.get("/captures", "alertObjType", "person")))
                .get("toltalCaptures")).isEqualTo(2);
        // detectType 3 makes the bare path answer in alert mode
        useDetectType(DetectType.ALERT, true);
        assertThat(list(data(endpoint.captures(FakeRequest.get("/captures"))), "captures").get(0))
                .containsEntry("alertType", 28).containsEntry("alertSubType", 2);
    }

    @Test
    void capturesAreDisabledWithCapturePicEnabledOffOutsideAlertMode() throws Exception {
        useDetectType(DetectType.FULL_FACE, false);
        assertThat(error(() -> endpoint.captures(FakeRequest.get("/captures"))).error().code()).isEqualTo(104400);
        useDetectType(DetectType.ALERT, false);
        assertThat(data(endpoint.captures(FakeRequest.get("/captures"))).get("toltalCaptures")).isEqualTo(0);
    }

    @Test
    void structureListsOnlyStructuredTargetsOfTheirType() throws Exception {
        store(TestSupport.intrusion(1, 7, T0), TestSupport.event(1, 8, T0 + 1, "capture", "person", 1),
                TestSupport.event(1, 9, T0 + 2, "capture", "car", 1));
        Map<String, Object> human = data(endpoint.structure(FakeRequest.get("/captures/human"),
                org.megbox.api.warehouse.TargetType.PERSON));
        assertThat(human.get("toltalCaptures")).isEqualTo(1);
        assertThat(list(human, "captures").get(0)).containsEntry("trackId", 8L).containsEntry("trackIdTimes", 1)
                .containsKeys("videoNo", "channelName", "imageURI", "fullImageURI", "catchTimestamp");
        assertThat(data(endpoint.structure(FakeRequest.get("/captures/vehicle"),
                org.megbox.api.warehouse.TargetType.CAR)).get("toltalCaptures")).isEqualTo(1);
        assertThat(data(endpoint.structure(FakeRequest.get("/captures/cycle"),
                org.megbox.api.warehouse.TargetType.CYCLE)).get("toltalCaptures")).isEqualTo(0);
        // a structure capture is no alert
        assertThat(list(data(endpoint.alerts(FakeRequest.get("/alerts"))), "alertsEvent"))
                .extracting(a -> a.get("trackId")).containsExactly(7L);
        assertThat(data(endpoint.captures(FakeRequest.get("/captures"))).get("toltalCaptures")).isEqualTo(3);
        // alert mode lists the alert (intrusion) person only, not the structure capture
        assertThat(list(data(endpoint.captures(FakeRequest.get("/captures", "alertObjType", "person"))), "captures"))
                .extracting(c -> c.get("trackId")).containsExactly(7L);
    }

    static AlarmEvent face(long targetId, long time, org.megbox.api.event.CapturedFace face) {
        return new AlarmEvent(1, 0, "capture", 0, "", 0, "face", targetId,
                List.of(new org.megbox.api.geometry.Point(0.4, 0.2), new org.megbox.api.geometry.Point(0.5, 0.4)),
                targetId, time, face);
    }

    @Test
    void faceCapturesCarryAttributesAndMatchesAndAMatchIsAnAlert() throws Exception {
        org.megbox.api.event.FaceMatch m = new org.megbox.api.event.FaceMatch("tok1", "img1", 81.5f,
                List.of("staff", "vip"), List.of("staff"));
        store(face(5, T0, new org.megbox.api.event.CapturedFace(31, 1, null, List.of(), false, false)
                .seen(T0 - 900, T0 + 700)),
                face(6, T0 + 1, new org.megbox.api.event.CapturedFace(40, 0, 97f, List.of(m), true, false)),
                face(7, T0 + 2, new org.megbox.api.event.CapturedFace(null, null, null, List.of(), false, true)),
                TestSupport.event(1, 8, T0 + 3, "capture", "person", 1));
        Map<String, Object> faces = data(endpoint.faces(FakeRequest.get("/captures/face")));
        assertThat(faces.get("toltalCaptures")).isEqualTo(3);
        Map<String, Object> first = list(faces, "captures").get(0);
        assertThat(first).containsEntry("trackId", 5L).containsKeys("imageURI", "fullImageURI", "catchTimestamp");
        // §20.2.1 codes gender 0 unknown, 1 male, 2 female
        assertThat(data(first.get("faceAttr"))).containsEntry("age", 31).containsEntry("gender", 2);
        assertThat(list(faces, "captures").get(2)).doesNotContainKey("faceAttr");
        // §9: faceImageURI and faceAttr in the §8/§9 coding (0 male, 1 female)
        Map<String, Object> nine = list(data(endpoint.captures(FakeRequest.get("/captures"))), "captures").get(0);
        assertThat(nine).containsKey("faceImageURI").containsEntry("enterTimestamp", T0 - 900)
                .containsEntry("leaveTimestamp", T0 + 700);
        assertThat(data(nine.get("faceAttr"))).containsEntry("gender", 1);
        // §8: the match and the stranger are alerts, the plain capture is not
        List<Map<String, Object>> alerts = list(data(endpoint.alerts(FakeRequest.get("/alerts"))), "alertsEvent");
        assertThat(alerts).extracting(a -> a.get("trackId")).containsExactly(6L, 7L);
        Map<String, Object> top1 = data(alerts.get(0).get("top1"));
        assertThat(top1).containsEntry("faceToken", "tok1").containsEntry("imageId", "img1")
                .containsEntry("searchScore", 81.5f).containsEntry("faceImageURL", "./face_data/tok1.jpg");
        assertThat(top1.get("alertGroup")).isEqualTo(List.of(Map.of("groupName", "staff")));
        assertThat(top1.get("group")).isEqualTo(List.of(Map.of("groupName", "staff"), Map.of("groupName", "vip")));
        assertThat(alerts.get(0)).containsEntry("livenessScore", 97f).containsEntry("stranger", 0);
        assertThat(alerts.get(1)).containsEntry("stranger", 1).doesNotContainKey("top1");
        assertThat(list(data(endpoint.alerts(FakeRequest.get("/alerts", "QueryType", "1"))), "alertsEvent"))
                .extracting(a -> a.get("trackId")).containsExactly(6L);
        assertThat(list(data(endpoint.alerts(FakeRequest.get("/alerts", "QueryType", "2"))), "alertsEvent"))
                .extracting(a -> a.get("trackId")).containsExactly(7L);
        assertThat(list(data(endpoint.alerts(FakeRequest.get("/alerts", "faceToken", "tok1"))), "alertsEvent"))
                .extracting(a -> a.get("trackId")).containsExactly(6L);
        assertThat(list(data(endpoint.alerts(FakeRequest.get("/alerts", "faceToken", "other"))), "alertsEvent"))
                .isEmpty();
        // the face details are stored with the event: they survive a restart
        service.close();
        service = new EventsService(db, dir, new TestSupport.Config());
        endpoint = new EventsEndpoint(service);
        assertThat(list(data(endpoint.alerts(FakeRequest.get("/alerts", "faceToken", "tok1"))), "alertsEvent"))
                .extracting(a -> data(a.get("top1")).get("faceToken")).containsExactly("tok1");
    }

    @Test
    void oneCaptureComesWithItsPicturesInBase64() throws Exception {
        store(TestSupport.intrusion(1, 7, T0));
        Map<String, Object> c = data(endpoint.capture(FakeRequest.get("/captures/7/" + T0)
                .path("trackId", "7", "timestamp", Long.toString(T0))));
        assertThat(c).containsEntry("trackId", 7L).containsEntry("catchTimestamp", T0);
        byte[] crop = Base64.getDecoder().decode((String) c.get("captureFace"));
        assertThat(crop[0] & 0xff).isEqualTo(0xFF);
        assertThat(crop[1] & 0xff).isEqualTo(0xD8); // JPEG SOI
        assertThat(Base64.getDecoder().decode((String) c.get("fullImage"))).isNotEmpty();
        assertThat(error(() -> endpoint.capture(FakeRequest.get("/captures/7/1").path("trackId", "7", "timestamp", "1")))
                .error().code()).isEqualTo(104007);
        assertThat(error(() -> endpoint.capture(FakeRequest.get("/captures/x/1").path("trackId", "x", "timestamp", "-1")))
                .getMessage()).isEqualTo("ILLEGAL_ARGUMENT:trackId,timestamp");
    }

    @Test
    void deletingFromOneListKeepsTheOtherAndBothDeleteTheRecordAndPictures() throws Exception {
        store(TestSupport.intrusion(1, 7, T0));
        String full = service.event(1).orElseThrow().fullPicture();
        RestRequest del = FakeRequest.delete("/alerts/7/" + T0).path("trackId", "7", "timestamp", Long.toString(T0));
        assertThat(endpoint.delete(del, true)).isNull();
        assertThat(data(endpoint.alerts(FakeRequest.get("/alerts"))).get("totalAlarts")).isEqualTo(0);
        assertThat(data(endpoint.captures(FakeRequest.get("/captures"))).get("toltalCaptures")).isEqualTo(1);
        assertThat(service.picture(full)).isPresent();
        // deleting it from the alerts again: nothing there any more
        assertThat(error(() -> endpoint.delete(del, true)).error().code()).isEqualTo(104007);
        endpoint.delete(del, false);
        assertThat(service.size()).isZero();
        assertThat(service.picture(full)).isEmpty();
        assertThatThrownBy(() -> endpoint.delete(del, false)).isInstanceOf(ApiException.class);
    }

    @Test
    void statusCountsWhatTheStoreDid() throws Exception {
        store(TestSupport.intrusion(1, 7, T0), TestSupport.intrusion(1, 8, T0 + 1));
        Map<String, Object> st = data(endpoint.status());
        assertThat(st).containsEntry("events", 2).containsEntry("stored", 2L).containsEntry("accepted", 2L)
                .containsEntry("dropped", 0L).containsEntry("lastId", 2L).containsKeys("device_id", "pictureBytes");
    }

    @Test
    void picturesAreServedByTheirRelativeUri() throws Exception {
        store(TestSupport.intrusion(1, 7, T0));
        String uri = service.event(1).orElseThrow().cropPicture(); // ./pictures/2025/11/24/16/1_1_7_crop.jpg
        String[] s = uri.substring("./pictures/".length()).split("/");
        Object reply = endpoint.picture(FakeRequest.get("/pictures/" + uri)
                .path("yyyy", s[0], "MM", s[1], "dd", s[2], "HH", s[3], "file", s[4]));
        assertThat(reply).isInstanceOf(BinaryReply.class);
        assertThat(((BinaryReply) reply).contentType()).isEqualTo("image/jpeg");
        assertThat(((BinaryReply) reply).body()).isEqualTo(service.picture(uri).get());
        assertThat(error(() -> endpoint.picture(FakeRequest.get("/pictures/x")
                .path("yyyy", "..", "MM", "..", "dd", "..", "HH", "..", "file", "passwd"))).error().code())
                .isEqualTo(104007);
    }
}
