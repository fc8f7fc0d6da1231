package org.megbox.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerts a running box raised, read black-box: {@code GET /v1/MEGBOX/alerts} (the events bundle, §8 with the
 * alert_events fields) when the box serves it; otherwise — a box assembled without an events bundle — the engine's
 * debug line for each event it could hand to no sink (start the box with {@link #DEBUG_OPTS} for that).
 */
final class Alerts {

    /** JVM options making the engine log every event it raises without a sink. */
    static final String DEBUG_OPTS = "-Dorg.slf4j.simpleLogger.log.org.megbox.engine.internal.RuleEngine=debug";

    /** One raised event; the target's box normalised to 0..1 of the frame. */
    record Alert(int videoNo, int areaId, int alertorId, String alertorType, String targetType, long targetId,
            long frameId, double x1, double y1, double x2, double y2) {

        double footX() {
            return (x1 + x2) / 2;
        }

        double footY() {
            return y2;
        }
    }

    private static final Pattern EVENT = Pattern.compile("no AlarmEventSink: AlarmEvent\\[videoNo=(\\d+), algType=\\d+, "
            + "eventType=(\\w+), areaId=(\\d+), areaType=\\w+, alertorId=(\\d+), targetType=(\\w+), targetId=(\\d+), "
            + "targetPoints=\\[(.*?)\\], frameId=(\\d+),");
    private static final Pattern POINT = Pattern.compile("Point\\[x=([-0-9.E]+), y=([-0-9.E]+)\\]");

    private final Box box;
    private final int width;
    private final int height;

    /** Frame size of the clip the channels play (points of GET /alerts are pixels). */
    Alerts(Box box, int width, int height) {
        this.box = box;
        this.width = width;
        this.height = height;
    }

    /** Whether the box stores alerts (an events bundle answers GET /alerts). */
    boolean served() {
        Reply r = box.get("/v1/MEGBOX/alerts?pageSize=1");
        return r.isJson() && r.json().path("code").asInt(-1) == 0;
    }

    /** Every alert raised so far on {@code videoNo}, oldest first. */
    List<Alert> of(int videoNo) {
        List<Alert> all = served() ? fromApi(videoNo) : fromLog();
        return all.stream().filter(a -> a.videoNo() == videoNo)
                .sorted(java.util.Comparator.comparingLong(Alert::frameId)).toList();
    }

    private List<Alert> fromApi(int videoNo) {
        List<Alert> out = new ArrayList<>();
        long token = 0;
        for (int page = 0; page < 100; page++) {
            Reply r = box.get("/v1/MEGBOX/alerts?pageSize=1000&chnNo=" + videoNo + (token != 0 ? "&pageToken=" + token : ""));
            JsonNode data = r.json().path("data");
            for (JsonNode e : data.path("alertsEvent")) {
                double x1 = 1;
                double y1 = 1;
                double x2 = 0;
                double y2 = 0;
                for (JsonNode p : e.at("/target/points")) {
                    double x = p.get("x").asDouble() / width;
                    double y = p.get("y").asDouble() / height;
                    x1 = Math.min(x1, x);
                    y1 = Math.min(y1, y);
                    x2 = Math.max(x2, x);
                    y2 = Math.max(y2, y);
                }
                out.add(new Alert(e.path("videoNo").asInt(), e.path("area_id").asInt(), e.path("alertor_id").asInt(),
                        e.path("alertor_type").asText(), e.at("/target/target_type").asText(),
                        e.at("/target/target_id").asLong(), e.path("frame_id").asLong(), x1, y1, x2, y2));
            }
            token = data.path("nextPageToken").asLong(0);
            if (token == 0) {
                break;
            }
        }
        return out;
    }

    private List<Alert> fromLog() {
        List<Alert> out = new ArrayList<>();
        Matcher m = EVENT.matcher(box.log());
        while (m.find()) {
            double x1 = 1;
            double y1 = 1;
            double x2 = 0;
            double y2 = 0;
            Matcher p = POINT.matcher(m.group(7));
            while (p.find()) {
                double x = Double.parseDouble(p.group(1));
                double y = Double.parseDouble(p.group(2));
                x1 = Math.min(x1, x);
                y1 = Math.min(y1, y);
                x2 = Math.max(x2, x);
                y2 = Math.max(y2, y);
            }
            out.add(new Alert(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    m.group(2), m.group(5), Long.parseLong(m.group(6)), Long.parseLong(m.group(8)), x1, y1, x2, y2));
        }
        return out;
    }
}
