package org.megbox.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.Schema;

class ConfigSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static void accepted(Schema schema, String body) {
        assertThatCode(() -> schema.validate(json(body))).as(body).doesNotThrowAnyException();
    }

    private static void refused(Schema schema, String body, ErrorCode code, String message) {
        assertThatThrownBy(() -> schema.validate(json(body))).as(body)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    /** The GET /configs example (L903–959) posted back, and every field at once. */
    @Test
    void acceptsTheSpecExampleAndAFullBody() {
        accepted(ConfigSchemas.CONFIGS, """
                {"funcModule":{"capturePicEnabled":true,"clipEnabled":false,"captureFullPicEnabled":true,"clipTime":10,
                  "retryCount":5,"retryInterval":5,"strangerRetryCount":0,"minPushInterval":500,
                  "alertReportBufferSize":10000,"captureReportBufferSize":50000,"fullPicCompressLevel":80},
                 "modelSw":{"workMode":"WhiteNameListMode","httpMode":"http","digestMode":false}}""");
        accepted(ConfigSchemas.CONFIGS, """
                {"modelSw":{"videoMode":"videoStreamMode","workMode":"BlackNameListMode","pushMode":"FastPushMode",
                  "httpMode":"https","libMode":true,"digestMode":true,"digestMaxAuthTries":3,"digestUnlockTime":5},
                 "funcModule":{"capturePicEnabled":false,"clipEnabled":false,"captureFullPicEnabled":false,"clipTime":0,
                  "detectType":3,"alertReportBufferSize":0,"captureReportBufferSize":0,"fullPicCompressLevel":10,
                  "fullPicDrawRectEnabled":true,"minPushInterval":10000,"pictureRetryCount":5000,"pictureRetryInterval":60,
                  "pictureStrangerRetryCount":5,"retryCount":0,"retryInterval":0,"strangerRetryCount":5,
                  "rtspServerEnabled":true}}""");
        accepted(ConfigSchemas.CONFIGS, "{}");
        accepted(ConfigSchemas.CONFIGS, "{\"modelSw\":{},\"unknown\":1}");
    }

    @ParameterizedTest(name = "{0} in [{1},{2}]")
    @CsvSource({
        "modelSw, digestMaxAuthTries, 3, 10",
        "modelSw, digestUnlockTime, 5, 30",
        "funcModule, alertReportBufferSize, 0, 10000",
        "funcModule, captureReportBufferSize, 0, 50000",
        "funcModule, fullPicCompressLevel, 10, 100",
        "funcModule, minPushInterval, 500, 10000",
        "funcModule, pictureRetryCount, 0, 5000",
        "funcModule, pictureRetryInterval, 0, 60",
        "funcModule, pictureStrangerRetryCount, 0, 5",
        "funcModule, retryCount, 0, 5000",
        "funcModule, retryInterval, 0, 60",
        "funcModule, strangerRetryCount, 0, 5"})
    void everyRangeBoundary(String section, String field, long lo, long hi) {
        String path = section + "." + field;
        accepted(ConfigSchemas.CONFIGS, body(section, field, Long.toString(lo)));
        accepted(ConfigSchemas.CONFIGS, body(section, field, Long.toString(hi)));
        refused(ConfigSchemas.CONFIGS, body(section, field, Long.toString(lo - 1)), ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:" + path);
        refused(ConfigSchemas.CONFIGS, body(section, field, Long.toString(hi + 1)), ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:" + path);
        // wrong types are illegal too
        refused(ConfigSchemas.CONFIGS, body(section, field, "\"" + lo + "\""), ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:" + path);
        refused(ConfigSchemas.CONFIGS, body(section, field, lo + ".5"), ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:" + path);
    }

    static Stream<Arguments> enumerations() {
        return Stream.of(
                Arguments.of("modelSw", "videoMode", new String[] {"videoStreamMode"}, "pictureStreamMode"),
                Arguments.of("modelSw", "workMode", new String[] {"WhiteNameListMode", "BlackNameListMode"},
                        "blackNameListMode"),
                Arguments.of("modelSw", "pushMode", new String[] {"FastPushMode", "BestPushMode"}, "BestPush"),
                Arguments.of("modelSw", "httpMode", new String[] {"http", "https"}, "HTTP"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("enumerations")
    void enumeratedStrings(String section, String field, String[] allowed, String wrong) {
        for (String value : allowed) {
            accepted(ConfigSchemas.CONFIGS, body(section, field, "\"" + value + "\""));
        }
        String path = section + "." + field;
        refused(ConfigSchemas.CONFIGS, body(section, field, "\"" + wrong + "\""), ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:" + path);
        refused(ConfigSchemas.CONFIGS, body(section, field, "1"), ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:" + path);
    }

    @Test
    void detectTypeIsZeroOneOrThree() {
        for (int t : new int[] {0, 1, 3}) {
            accepted(ConfigSchemas.CONFIGS, body("funcModule", "detectType", Integer.toString(t)));
            accepted(ConfigSchemas.DETECT, "{\"type\":" + t + "}");
        }
        for (String t : new String[] {"2", "4", "-1", "\"1\"", "1.0"}) {
            refused(ConfigSchemas.CONFIGS, body("funcModule", "detectType", t), ErrorCode.ILLEGAL_ARGUMENT,
                    "ILLEGAL_ARGUMENT:funcModule.detectType");
            refused(ConfigSchemas.DETECT, "{\"type\":" + t + "}", ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:type");
        }
    }

    @Test
    void detectWithoutTypeIsMissingArgument() {
        refused(ConfigSchemas.DETECT, "{}", ErrorCode.MISSING_ARGUMENT, "MISSING_ARGUMENT:type");
        refused(ConfigSchemas.DETECT, "{\"type\":null}", ErrorCode.MISSING_ARGUMENT, "MISSING_ARGUMENT:type");
    }

    @Test
    void clipsAreNotOpen() {
        accepted(ConfigSchemas.CONFIGS, body("funcModule", "clipEnabled", "false"));
        refused(ConfigSchemas.CONFIGS, body("funcModule", "clipEnabled", "true"), ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:funcModule.clipEnabled");
        refused(ConfigSchemas.CONFIGS, body("funcModule", "clipTime", "-1"), ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:funcModule.clipTime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"modelSw.libMode", "modelSw.digestMode", "funcModule.capturePicEnabled",
        "funcModule.captureFullPicEnabled", "funcModule.fullPicDrawRectEnabled", "funcModule.rtspServerEnabled"})
    void booleansAreJsonBooleans(String path) {
        String[] p = path.split("\\.");
        accepted(ConfigSchemas.CONFIGS, body(p[0], p[1], "true"));
        accepted(ConfigSchemas.CONFIGS, body(p[0], p[1], "false"));
        refused(ConfigSchemas.CONFIGS, body(p[0], p[1], "\"true\""), ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:" + path);
        refused(ConfigSchemas.CONFIGS, body(p[0], p[1], "1"), ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:" + path);
    }

    @Test
    void everyIllegalFieldIsNamedAndSectionsMustBeObjects() {
        refused(ConfigSchemas.CONFIGS, """
                {"modelSw":{"digestMaxAuthTries":2,"digestUnlockTime":31},"funcModule":{"retryInterval":61}}""",
                ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:modelSw.digestMaxAuthTries,modelSw.digestUnlockTime,funcModule.retryInterval");
        refused(ConfigSchemas.CONFIGS, "{\"modelSw\":\"BlackNameListMode\"}", ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:modelSw");
        refused(ConfigSchemas.CONFIGS, "[]", ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:body");
    }

    @Test
    void nullsCountAsAbsentAndHugeNumbersAreIllegal() {
        accepted(ConfigSchemas.CONFIGS, "{\"modelSw\":null,\"funcModule\":{\"retryCount\":null}}");
        refused(ConfigSchemas.CONFIGS, body("funcModule", "retryCount", "100000000000000000000"),
                ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:funcModule.retryCount");
        refused(ConfigSchemas.CONFIGS, body("modelSw", "digestUnlockTime", "1e1"),
                ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:modelSw.digestUnlockTime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:34567", "tcp://platform.example.com:1", "TCP://10.0.0.1:65535",
        "tcp://[::1]:8000", ""})
    void megConnectUrlAccepted(String url) {
        accepted(ConfigSchemas.MEG_CONNECT, "{\"enable\":true,\"url\":\"" + url + "\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:34567", "http://127.0.0.1:34567", "tcp://127.0.0.1", "tcp://127.0.0.1:0",
        "tcp://127.0.0.1:65536", "tcp://127.0.0.1:34567/path", "tcp://:34567", "tcp://a b:1", "tcp://-x:1"})
    void megConnectUrlRefused(String url) {
        refused(ConfigSchemas.MEG_CONNECT, "{\"url\":\"" + url + "\"}", ErrorCode.ILLEGAL_ARGUMENT,
                "ILLEGAL_ARGUMENT:url");
    }

    @Test
    void megConnectUrlIsAtMost128Bytes() {
        String prefix = "tcp://";
        String suffix = ":34567";
        String host128 = "h".repeat(128 - prefix.length() - suffix.length());
        accepted(ConfigSchemas.MEG_CONNECT, "{\"url\":\"" + prefix + host128 + suffix + "\"}");
        refused(ConfigSchemas.MEG_CONNECT, "{\"url\":\"" + prefix + host128 + "h" + suffix + "\"}",
                ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:url");
        refused(ConfigSchemas.MEG_CONNECT, "{\"enable\":\"yes\"}", ErrorCode.ILLEGAL_ARGUMENT, "ILLEGAL_ARGUMENT:enable");
    }

    private static String body(String section, String field, String rawValue) {
        return "{\"" + section + "\":{\"" + field + "\":" + rawValue + "}}";
    }
}
