package org.megbox.events.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.event.FaceMatch;
import org.megbox.api.warehouse.AlgType;
import org.megbox.api.warehouse.AreaType;
import org.megbox.api.warehouse.EventType;
import org.megbox.api.warehouse.TargetType;
import org.megbox.config.DetectType;
import org.megbox.config.DeviceConfig;
import org.megbox.config.DeviceConfigService;
import org.megbox.events.StoredEvent;
import org.megbox.rest.ApiException;
import org.megbox.rest.BinaryReply;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Queries of the stored events: §8 {@code /alerts}, §9/§20.2/§25.2 {@code /captures} (one path, the shape chosen by
 * the work mode, see {@link #alertMode}), §20 {@code /captures/face|human|cycle|vehicle}, one capture with its pictures,
 * deletions, and {@code GET /pictures/...} serving the relative picture URIs the lists contain (beyond the spec).
 * Reads work on the committed index and never wait.
 */
@Component(service = RestEndpoint.class)
public final class EventsEndpoint implements RestEndpoint {

    private static final Pattern TRACK_ID = Pattern.compile("\\d{1,20}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,19}");

    private final EventsService events;
    private volatile DeviceConfigService deviceConfig;

    @Activate
    public EventsEndpoint(@Reference(name = "events") EventsService events) {
        this.events = events;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setDeviceConfig(DeviceConfigService service) {
        this.deviceConfig = service;
    }

    void unsetDeviceConfig(DeviceConfigService service) {
        if (this.deviceConfig == service) {
            this.deviceConfig = null;
        }
    }

    /** A JSON object in insertion order that leaves out absent (null) values, as the REST core does for beans. */
    static final class Fields extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object put(String key, Object value) {
            return value == null ? remove(key) : super.put(key, value);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/alerts", this::alerts),
                Route.delete("/alerts/{trackId}/{timestamp}", r -> delete(r, true)),
                Route.get("/captures", this::captures),
                Route.get("/captures/face", this::faces),
                Route.get("/captures/human", r -> structure(r, TargetType.PERSON)),
                Route.get("/captures/cycle", r -> structure(r, TargetType.CYCLE)),
                Route.get("/captures/vehicle", r -> structure(r, TargetType.CAR)),
                Route.get("/captures/{trackId}/{timestamp}", this::capture),
                Route.delete("/captures/{trackId}/{timestamp}", r -> delete(r, false)),
                Route.get("/pictures/{yyyy}/{MM}/{dd}/{HH}/{file}", this::picture),
                Route.get("/events/status", r -> status()));
    }

    private EventRepository repo() {
        return events.repository();
    }

    // ---- §8 GET /alerts

    Object alerts(RestRequest r) {
        QueryParams q = QueryParams.parse(r);
        Long queryType = q.extraNumber("QueryType", 0, 2);
        Long dedup = q.extraNumber("Dedup", 0, 1);
        String faceToken = q.extraString("faceToken");
        q.check();
        // QueryType 1: faces recognised in a bound group (their top-1 faceToken), 2: strangers; faceToken: that face
        Predicate<EventRepository.Entry> filter = q.filter().and(EventRepository.Entry::inAlerts);
        if (queryType != null && queryType == 1) {
            filter = filter.and(e -> e.faceToken() != null);
        } else if (queryType != null && queryType == 2) {
            filter = filter.and(EventRepository.Entry::stranger);
        }
        if (faceToken != null) {
            filter = filter.and(e -> faceToken.equals(e.faceToken()));
        }
        EventRepository.Page page = repo().query(filter, dedup != null && dedup == 1, q.pageToken, q.pageOffset,
                q.pageSize);
        Map<String, Object> data = new Fields();
        if (page.nextPageToken() != 0) {
            data.put("nextPageToken", page.nextPageToken());
        }
        data.put("totalAlarts", page.total());
        data.put("alertsEvent", items(page, EventsEndpoint::alertItem));
        return data;
    }

    static Map<String, Object> alertItem(StoredEvent e) {
        Map<String, Object> m = new Fields();
        m.put("channelName", e.channelName());
        m.put("trackId", e.targetId());
        m.put("captureImageURL", e.cropPicture());
        m.put("captureFullImageURL", e.fullPicture());
        m.put("timestamp", e.timestamp());
        m.put("videoNo", e.videoNo());
        // beyond §8: the event as the alert-mode pushes describe it (§25.3 alert_events)
        m.put("area_id", e.areaId());
        m.put("area_type", e.areaType());
        m.put("alertor_id", e.alertorId());
        m.put("alertor_type", e.alertorType());
        m.put("target", target(e));
        m.put("device_id", e.deviceId());
        m.put("stream_id", e.videoNo());
        m.put("frame_id", e.frameId());
        m.put("pts", e.pts());
        m.put("dts", e.dts());
        m.put("recv_ts", e.recvTs());
        m.put("algType", e.algType());
        CapturedFace face = e.face();
        if (face != null) {
            // §8: the face compared with the channel's bound groups
            m.put("livenessScore", face.livenessScore());
            for (int i = 0; i < Math.min(5, face.matches().size()); i++) {
                m.put("top" + (i + 1), match(face.matches().get(i)));
            }
            m.put("faceAttr", faceAttr(face, false));
            m.put("stranger", face.stranger() ? 1 : 0);
        }
        return m;
    }

    /** One §8 {@code topN} object. */
    static Map<String, Object> match(FaceMatch fm) {
        Map<String, Object> m = new Fields();
        m.put("searchScore", fm.searchScore());
        m.put("faceToken", fm.faceToken());
        m.put("imageId", fm.imageId());
        // the spec's example names the library crop faceImageURL; the faces bundle serves it where §10's imageUrl points
        m.put("faceImageURL", "./face_data/" + fm.faceToken() + ".jpg");
        m.put("group", groupNames(fm.groups()));
        m.put("alertGroup", groupNames(fm.alertGroups()));
        return m;
    }

    private static List<Map<String, Object>> groupNames(List<String> names) {
        List<Map<String, Object>> out = new ArrayList<>(names.size());
        for (String n : names) {
            Map<String, Object> g = new Fields();
            g.put("groupName", n);
            out.add(g);
        }
        return out;
    }

    /**
     * {@code faceAttr} with what a model estimated (age, gender; the other attributes have no model and are left
     * out, never guessed). §8/§9 code gender 0 male, 1 female; §20.2.1 codes 0 unknown, 1 male, 2 female.
     */
    static Map<String, Object> faceAttr(CapturedFace face, boolean structureCoding) {
        if (face == null || (face.age() == null && face.gender() == null)) {
            return null;
        }
        Map<String, Object> a = new Fields();
        a.put("age", face.age());
        if (face.gender() != null) {
            a.put("gender", structureCoding ? face.gender() + 1 : face.gender());
        } else if (structureCoding) {
            a.put("gender", 0);
        }
        return a;
    }

    private static Map<String, Object> target(StoredEvent e) {
        Map<String, Object> t = new Fields();
        t.put("target_type", e.targetType());
        t.put("target_id", e.targetId());
        List<Map<String, Object>> pts = new ArrayList<>();
        for (StoredEvent.PixelPoint p : e.points()) {
            Map<String, Object> xy = new Fields();
            xy.put("x", p.x());
            xy.put("y", p.y());
            pts.add(xy);
        }
        t.put("points", pts);
        return t;
    }

    // ---- GET /captures: §9, §20.2 or §25.2

    /**
     * Alert mode (§25.2.1) when the request carries {@code alertType} or {@code alertObjType}, or when the device's
     * {@code detectType} is 3 (警戒模式); the §9.1.1 list otherwise (which also serves §20.2's bare {@code /captures},
     * for which the spec defines no answer).
     */
    boolean alertMode(RestRequest r) {
        if (r.query("alertType").isPresent() || r.query("alertObjType").isPresent()) {
            return true;
        }
        DeviceConfigService dc = deviceConfig;
        return dc != null && dc.current().funcModule().detectType() == DetectType.ALERT;
    }

    Object captures(RestRequest r) {
        if (alertMode(r)) {
            return alertCaptures(r);
        }
        requireCapturesEnabled();
        QueryParams q = QueryParams.parse(r).check();
        EventRepository.Page page = repo().query(q.filter().and(EventRepository.Entry::inCaptures), false,
                q.pageToken, q.pageOffset, q.pageSize);
        return captureList(page, EventsEndpoint::faceCaptureItem);
    }

    private void requireCapturesEnabled() {
        DeviceConfigService dc = deviceConfig;
        DeviceConfig c = dc == null ? null : dc.current();
        if (c != null && !c.funcModule().capturePicEnabled()) {
            throw new ApiException(ErrorCode.CAPTURE_DISABLE);
        }
    }

    static Map<String, Object> faceCaptureItem(StoredEvent e) {
        Map<String, Object> m = new Fields();
        m.put("channelName", e.channelName());
        m.put("trackId", e.targetId());
        // §9 names the crop faceImageURI; for a target that is not a face, the §20/§25 name says what it is
        m.put(TargetType.FACE.wireName().equals(e.targetType()) ? "faceImageURI" : "imageURI", e.cropPicture());
        m.put("fullImageURI", e.fullPicture());
        m.put("catchTimestamp", e.timestamp());
        m.put("videoNo", e.videoNo());
        m.put("objType", e.targetType());
        if (e.face() != null) {
            m.put("enterTimestamp", e.face().enterTimestamp());
            m.put("leaveTimestamp", e.face().leaveTimestamp());
        }
        m.put("faceAttr", faceAttr(e.face(), false));
        return m;
    }

    private Object alertCaptures(RestRequest r) {
        QueryParams q = QueryParams.parse(r);
        Long alertType = q.extraNumber("alertType", 1, Integer.MAX_VALUE);
        String objType = q.extraString("alertObjType");
        if (objType != null && TargetType.of(objType).isEmpty()) {
            q.illegal("alertObjType");
        }
        q.check();
        Predicate<EventRepository.Entry> filter = q.filter().and(EventRepository.Entry::inCaptures)
                .and(e -> e.algType() != AlgType.FACE_HUMAN.index() && e.algType() != AlgType.STRUCTURED.index());
        if (alertType != null) {
            int wanted = alertType.intValue();
            filter = filter.and(e -> matchesAlertType(e.alertorType(), e.targetType(), wanted));
        }
        if (objType != null) {
            filter = filter.and(e -> objType.equals(e.targetType()));
        }
        EventRepository.Page page = repo().query(filter, false, q.pageToken, q.pageOffset, q.pageSize);
        return captureList(page, EventsEndpoint::alertCaptureItem);
    }

    /**
     * Whether an event matches a §25.2 {@code alertType} (D2 index). The retired indices 1–3 (person tripwire, person
     * intrusion, vehicle tripwire, which §25.1's {@code alertType} still uses) match tripwire/intrusion events of
     * those targets.
     */
    static boolean matchesAlertType(String alertorType, String targetType, int wanted) {
        switch (wanted) {
            case 1:
                return "tripwire".equals(alertorType) && "person".equals(targetType);
            case 2:
                return "intrusion".equals(alertorType) && "person".equals(targetType);
            case 3:
                return "tripwire".equals(alertorType) && ("car".equals(targetType) || "cycle".equals(targetType));
            default:
                return EventType.of(alertorType).map(t -> t.index() == wanted).orElse(false);
        }
    }

    /** §25.2.1 {@code alertSubType}: 1 tripwire, 2 enter area, 3 leave area, 5 stay in area, 6 over the wall. */
    static Integer alertSubType(String alertorType) {
        return switch (alertorType) {
            case "tripwire" -> 1;
            case "intrusion" -> 2;
            case "exit" -> 3;
            case "park", "wander" -> 5;
            case "overwall" -> 6;
            default -> null;
        };
    }

    static Map<String, Object> alertCaptureItem(StoredEvent e) {
        Map<String, Object> m = new Fields();
        m.put("videoNo", e.videoNo());
        m.put("channelName", e.channelName());
        m.put("trackId", e.targetId());
        m.put("trackIdTimes", e.trackIdTimes());
        m.put("rule_id", e.alertorId());
        m.put("area_id", e.areaId());
        m.put("imageURI", e.cropPicture());
        m.put("fullImageURI", e.fullPicture());
        m.put("catchTimestamp", e.timestamp());
        m.put("alertType", EventType.of(e.alertorType()).map(EventType::index).orElse(null));
        m.put("alertSubType", alertSubType(e.alertorType()));
        m.put("areaType", AreaType.of(e.areaType()).map(AreaType::index).orElse(null));
        m.put("objType", e.targetType());
        return m;
    }

    // ---- §20.2.1 GET /captures/face

    Object faces(RestRequest r) {
        QueryParams q = QueryParams.parse(r).check();
        String wanted = TargetType.FACE.wireName();
        Predicate<EventRepository.Entry> filter = q.filter().and(EventRepository.Entry::inCaptures)
                .and(e -> e.algType() == AlgType.FACE_HUMAN.index() && wanted.equals(e.targetType()));
        EventRepository.Page page = repo().query(filter, false, q.pageToken, q.pageOffset, q.pageSize);
        return captureList(page, EventsEndpoint::faceItem);
    }

    static Map<String, Object> faceItem(StoredEvent e) {
        Map<String, Object> m = structureItem(e);
        m.put("faceAttr", faceAttr(e.face(), true));
        return m;
    }

    // ---- §20 GET /captures/human|cycle|vehicle

    Object structure(RestRequest r, TargetType type) {
        QueryParams q = QueryParams.parse(r).check();
        String wanted = type.wireName();
        Predicate<EventRepository.Entry> filter = q.filter().and(EventRepository.Entry::inCaptures)
                .and(e -> e.algType() == AlgType.STRUCTURED.index() && wanted.equals(e.targetType()));
        EventRepository.Page page = repo().query(filter, false, q.pageToken, q.pageOffset, q.pageSize);
        return captureList(page, EventsEndpoint::structureItem);
    }

    static Map<String, Object> structureItem(StoredEvent e) {
        Map<String, Object> m = new Fields();
        m.put("videoNo", e.videoNo());
        m.put("channelName", e.channelName());
        m.put("trackId", e.targetId());
        m.put("trackIdTimes", e.trackIdTimes());
        m.put("imageURI", e.cropPicture());
        m.put("fullImageURI", e.fullPicture());
        m.put("catchTimestamp", e.timestamp());
        return m;
    }

    private Map<String, Object> captureList(EventRepository.Page page,
            java.util.function.Function<StoredEvent, Map<String, Object>> shape) {
        Map<String, Object> data = new Fields();
        if (page.nextPageToken() != 0) {
            data.put("nextPageToken", page.nextPageToken());
        }
        data.put("toltalCaptures", page.total());
        data.put("captures", items(page, shape));
        return data;
    }

    private List<Map<String, Object>> items(EventRepository.Page page,
            java.util.function.Function<StoredEvent, Map<String, Object>> shape) {
        List<Map<String, Object>> out = new ArrayList<>(page.entries().size());
        for (EventRepository.Entry e : page.entries()) {
            repo().get(e.id()).ifPresent(se -> out.add(shape.apply(se)));
        }
        return out;
    }

    // ---- §9.1.2 GET /captures/{trackId}/{timestamp}

    Object capture(RestRequest r) {
        requireCapturesEnabledUnlessAlertMode(r);
        Predicate<EventRepository.Entry> key = key(r);
        StoredEvent e = repo().find(key.and(EventRepository.Entry::inCaptures)).stream()
                .map(x -> repo().get(x.id())).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.RESOURCES_NOT_FOUND));
        Map<String, Object> m = faceCaptureItem(e);
        m.put("trackIdTimes", e.trackIdTimes());
        // "获取某抓拍信息与图片": the pictures themselves, Base64, named as the alert-mode WebSocket push names them
        m.put("captureFace", base64(e.cropPicture()));
        m.put("fullImage", base64(e.fullPicture()));
        return m;
    }

    private void requireCapturesEnabledUnlessAlertMode(RestRequest r) {
        if (!alertMode(r)) {
            requireCapturesEnabled();
        }
    }

    private String base64(String uri) {
        if (uri == null) {
            return null;
        }
        return events.picture(uri).map(b -> Base64.getEncoder().encodeToString(b)).orElse(null);
    }

    /** The (trackId, timestamp) of a path; 104001 naming a malformed one. */
    private static Predicate<EventRepository.Entry> key(RestRequest r) {
        String t = r.pathParam("trackId");
        String ts = r.pathParam("timestamp");
        List<String> bad = new ArrayList<>();
        if (t == null || !TRACK_ID.matcher(t).matches()) {
            bad.add("trackId");
        }
        if (ts == null || !TIMESTAMP.matcher(ts).matches()) {
            bad.add("timestamp");
        }
        if (!bad.isEmpty()) {
            throw ApiException.illegal(bad.toArray(String[]::new));
        }
        long timestamp = Long.parseLong(ts);
        long trackId;
        try {
            trackId = Long.parseLong(t);
        } catch (NumberFormatException e) {
            return e2 -> false; // 20 digits beyond a long: no stored target has it
        }
        return e -> e.targetId() == trackId && e.timestamp() == timestamp;
    }

    // ---- deletions

    Object delete(RestRequest r, boolean alerts) {
        if (!alerts) {
            requireCapturesEnabledUnlessAlertMode(r);
        }
        EventRepository.Removal removal = events.unlist(key(r), alerts);
        if (removal.matched() == 0) {
            throw new ApiException(ErrorCode.RESOURCES_NOT_FOUND);
        }
        return null;
    }

    // ---- GET /events/status (beyond the spec): the store's counters

    Object status() {
        EventsService.Stats st = events.stats();
        Map<String, Object> m = new Fields();
        m.put("device_id", events.deviceId());
        m.put("events", st.events());
        m.put("pictureBytes", st.pictureBytes());
        m.put("lastId", events.lastId());
        m.put("accepted", st.accepted());
        m.put("queued", st.queued());
        m.put("dropped", st.dropped());
        m.put("stored", st.stored());
        m.put("failed", st.failed());
        m.put("recycled", st.recycled());
        m.put("orphansDeleted", st.orphansDeleted());
        return m;
    }

    // ---- GET /pictures/yyyy/MM/dd/HH/file (beyond the spec)

    Object picture(RestRequest r) {
        String uri = Pictures.uriOf(r.pathParam("yyyy"), r.pathParam("MM"), r.pathParam("dd"), r.pathParam("HH"),
                r.pathParam("file"));
        return events.picture(uri).map(b -> new BinaryReply("image/jpeg", b))
                .orElseThrow(() -> new ApiException(ErrorCode.RESOURCES_NOT_FOUND));
    }
}
