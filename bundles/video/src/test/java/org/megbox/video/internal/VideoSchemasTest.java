package org.megbox.video.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.megbox.rest.Schema;
import org.megbox.rest.Violation;

/** Every boundary of the §7 request schemas. */
class VideoSchemasTest {

    private static final ObjectMapper M = new ObjectMapper();

    static ObjectNode add() {
        ObjectNode o = M.createObjectNode();
        o.put("videoNo", 1).put("videoName", "cam_1").put("url", "rtsp://10.0.0.1:554/s").put("rotation", 0);
        return o;
    }

    static List<String> illegal(Schema s, ObjectNode body) {
        return s.violations(body).stream().filter(v -> v.kind() == Violation.Kind.ILLEGAL).map(Violation::path)
                .toList();
    }

    static List<String> missing(Schema s, ObjectNode body) {
        return s.violations(body).stream().filter(v -> v.kind() == Violation.Kind.MISSING).map(Violation::path)
                .toList();
    }

    @Test
    void aMinimalBodyIsValid() {
        assertThat(VideoSchemas.ADD.violations(add())).isEmpty();
    }

    @Test
    void requiredFields() {
        for (String f : List.of("videoNo", "videoName", "url", "rotation")) {
            ObjectNode b = add();
            b.remove(f);
            assertThat(missing(VideoSchemas.ADD, b)).as(f).containsExactly(f);
            b.putNull(f);
            assertThat(missing(VideoSchemas.ADD, b)).as(f + " null").containsExactly(f);
        }
        for (String f : List.of("subUrl", "username", "password")) {
            ObjectNode b = add();
            assertThat(VideoSchemas.ADD.violations(b)).as(f).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 15, 16})
    void videoNoInRange(int n) {
        assertThat(VideoSchemas.ADD.violations(add().put("videoNo", n))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 17, 1000})
    void videoNoOutOfRange(int n) {
        assertThat(illegal(VideoSchemas.ADD, add().put("videoNo", n))).containsExactly("videoNo");
    }

    @Test
    void videoNoMustBeAnInteger() {
        assertThat(illegal(VideoSchemas.ADD, add().put("videoNo", 1.5))).containsExactly("videoNo");
        assertThat(illegal(VideoSchemas.ADD, add().put("videoNo", "1"))).containsExactly("videoNo");
    }

    @Test
    void videoNameBytesAndCharacters() {
        assertThat(VideoSchemas.ADD.violations(add().put("videoName", "a"))).isEmpty();
        assertThat(VideoSchemas.ADD.violations(add().put("videoName", "x".repeat(50)))).isEmpty();
        assertThat(VideoSchemas.ADD.violations(add().put("videoName", "Az09_"))).isEmpty();
        assertThat(illegal(VideoSchemas.ADD, add().put("videoName", ""))).containsExactly("videoName");
        assertThat(illegal(VideoSchemas.ADD, add().put("videoName", "x".repeat(51)))).containsExactly("videoName");
        for (String bad : List.of("cam 1", "cam-1", "摄像头", "cam.1", "cam/1")) {
            assertThat(illegal(VideoSchemas.ADD, add().put("videoName", bad))).as(bad).containsExactly("videoName");
        }
    }

    @Test
    void urlAtMost128Bytes() {
        String base = "rtsp://h/";
        assertThat(VideoSchemas.ADD.violations(add().put("url", base + "a".repeat(128 - base.length())))).isEmpty();
        assertThat(illegal(VideoSchemas.ADD, add().put("url", base + "a".repeat(129 - base.length()))))
                .containsExactly("url");
        assertThat(illegal(VideoSchemas.ADD, add().put("url", ""))).containsExactly("url");
    }

    @Test
    void urlSchemes() {
        for (String ok : List.of("rtsp://1.2.3.4/x", "RTSP://cam/x", "rtsps://cam/x", "http://cam/x.mjpg",
                "/data/clip.mp4", "file:/data/clip.mp4")) {
            assertThat(VideoSchemas.ADD.violations(add().put("url", ok))).as(ok).isEmpty();
        }
        for (String bad : List.of("cam1", "ftp://x/y", "rtsp://", "relative/path.mp4", "rtsp://a b")) {
            assertThat(illegal(VideoSchemas.ADD, add().put("url", bad))).as(bad).containsExactly("url");
        }
    }

    @Test
    void subUrlUsernamePassword() {
        assertThat(VideoSchemas.ADD.violations(add().put("subUrl", "").put("username", "").put("password", "")))
                .isEmpty();
        assertThat(VideoSchemas.ADD.violations(add().put("subUrl", "r".repeat(128))))
                .isEmpty();
        assertThat(illegal(VideoSchemas.ADD, add().put("subUrl", "x".repeat(129)))).containsExactly("subUrl");
        assertThat(VideoSchemas.ADD.violations(add().put("username", "u".repeat(31)))).isEmpty();
        assertThat(illegal(VideoSchemas.ADD, add().put("username", "u".repeat(32)))).containsExactly("username");
        assertThat(VideoSchemas.ADD.violations(add().put("password", "p".repeat(63)))).isEmpty();
        assertThat(illegal(VideoSchemas.ADD, add().put("password", "p".repeat(64)))).containsExactly("password");
        assertThat(illegal(VideoSchemas.ADD, add().put("password", 123))).containsExactly("password");
    }

    @Test
    void rotation() {
        for (int r : new int[] {0, 90, 180, 270}) {
            assertThat(VideoSchemas.ADD.violations(add().put("rotation", r))).isEmpty();
        }
        for (int r : new int[] {-90, 1, 45, 360, 450}) {
            assertThat(illegal(VideoSchemas.ADD, add().put("rotation", r))).as("" + r).containsExactly("rotation");
        }
        assertThat(illegal(VideoSchemas.ADD, add().put("rotation", 90.5))).containsExactly("rotation");
    }

    @Test
    void everyIllegalFieldIsNamed() {
        ObjectNode b = add().put("videoNo", 0).put("videoName", "a b").put("rotation", 1);
        assertThat(illegal(VideoSchemas.ADD, b)).containsExactly("videoNo", "videoName", "rotation");
    }

    @Test
    void editHasNoVideoNo() {
        ObjectNode b = add();
        b.put("videoNo", 99); // ignored: the path names the channel
        assertThat(VideoSchemas.EDIT.violations(b)).isEmpty();
    }

    static ObjectNode filter() {
        ObjectNode f = M.createObjectNode();
        f.put("roll", 45).put("yaw", 35).put("pitch", 45).put("blurness", 60).put("faceMin", 80);
        return f;
    }

    static ObjectNode group() {
        ObjectNode g = M.createObjectNode();
        g.put("groupName", "staff").put("startTime", "080000").put("endTime", "184500").put("searchThresholdHigh", 75)
                .put("searchThresholdLow", 20);
        return g;
    }

    @Test
    void surveillanceBoundaries() {
        ObjectNode b = M.createObjectNode();
        b.put("surveillanceEnabled", true).set("filter", filter());
        b.putArray("group").add(group());
        b.put("livenessThreshold", 60);
        assertThat(VideoSchemas.SURVEILLANCE.violations(b)).isEmpty();
        assertThat(VideoSchemas.SURVEILLANCE.violations(M.createObjectNode())).isEmpty();

        int[][] ranges = {{0, 180}, {0, 100}, {0, 100}, {0, 100}, {20, 380}};
        String[] names = {"roll", "yaw", "pitch", "blurness", "faceMin"};
        for (int i = 0; i < names.length; i++) {
            for (int v : new int[] {ranges[i][0], ranges[i][1]}) {
                ObjectNode s = M.createObjectNode();
                s.set("filter", filter().put(names[i], v));
                assertThat(VideoSchemas.SURVEILLANCE.violations(s)).as(names[i] + "=" + v).isEmpty();
            }
            for (int v : new int[] {ranges[i][0] - 1, ranges[i][1] + 1}) {
                ObjectNode s = M.createObjectNode();
                s.set("filter", filter().put(names[i], v));
                assertThat(illegal(VideoSchemas.SURVEILLANCE, s)).as(names[i] + "=" + v)
                        .containsExactly("filter." + names[i]);
            }
            ObjectNode s = M.createObjectNode();
            ObjectNode f = filter();
            f.remove(names[i]);
            s.set("filter", f);
            assertThat(missing(VideoSchemas.SURVEILLANCE, s)).containsExactly("filter." + names[i]);
        }
        ObjectNode s = M.createObjectNode();
        s.set("filter", filter().put("highBrightness", 49).put("lowBrightness", 50).put("deviation", 101));
        assertThat(illegal(VideoSchemas.SURVEILLANCE, s)).containsExactly("filter.highBrightness",
                "filter.lowBrightness", "filter.deviation");
        assertThat(illegal(VideoSchemas.SURVEILLANCE, M.createObjectNode().put("livenessThreshold", 100.5)))
                .containsExactly("livenessThreshold");
    }

    @Test
    void groupsAtMost20AndNoCrossDay() {
        ObjectNode b = M.createObjectNode();
        var arr = b.putArray("group");
        for (int i = 0; i < 20; i++) {
            arr.add(group());
        }
        assertThat(VideoSchemas.SURVEILLANCE.violations(b)).isEmpty();
        arr.add(group());
        assertThat(illegal(VideoSchemas.SURVEILLANCE, b)).containsExactly("group");

        for (String[] ok : new String[][] {{"000000", "000000"}, {"080000", "000000"}, {"000000", "235959"}}) {
            ObjectNode c = M.createObjectNode();
            c.putArray("group").add(group().put("startTime", ok[0]).put("endTime", ok[1]));
            assertThat(VideoSchemas.SURVEILLANCE.violations(c)).as(ok[0] + "-" + ok[1]).isEmpty();
        }
        for (String[] bad : new String[][] {{"180000", "080000"}, {"080000", "080000"}}) {
            ObjectNode c = M.createObjectNode();
            c.putArray("group").add(group().put("startTime", bad[0]).put("endTime", bad[1]));
            assertThat(illegal(VideoSchemas.SURVEILLANCE, c)).as(bad[0] + "-" + bad[1]).containsExactly("group[0]");
        }
        for (String bad : List.of("240000", "086000", "080060", "8000", "0800000", "ab0000")) {
            ObjectNode c = M.createObjectNode();
            c.putArray("group").add(group().put("startTime", bad));
            assertThat(illegal(VideoSchemas.SURVEILLANCE, c)).as(bad).containsExactly("group[0].startTime");
        }
    }
}
