package org.megbox.config.internal;

import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.megbox.config.DetectType;
import org.megbox.config.HttpMode;
import org.megbox.config.PushMode;
import org.megbox.config.VideoMode;
import org.megbox.config.WorkMode;
import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * The declared constraints of the §3 request bodies, one {@link Schema} per endpoint; every range is
 * the spec's (§3.1.1, L630–700). Nothing in §3 is marked required, so a partial body is a partial
 * update, except {@code type} of {@code POST /configs/detect}, which is the whole request.
 */
final class ConfigSchemas {

    static final Schema MODEL_SW = Schema.of(
            Field.string("videoMode").oneOf(wireNames(VideoMode.values(), VideoMode::wireName)),
            Field.string("workMode").oneOf(wireNames(WorkMode.values(), WorkMode::wireName)),
            Field.string("pushMode").oneOf(wireNames(PushMode.values(), PushMode::wireName)),
            Field.string("httpMode").oneOf(wireNames(HttpMode.values(), HttpMode::wireName)),
            Field.bool("libMode"),
            Field.bool("digestMode"),
            Field.integer("digestMaxAuthTries").range(3, 10),
            Field.integer("digestUnlockTime").range(5, 30));

    static final Schema FUNC_MODULE = Schema.of(
            Field.bool("capturePicEnabled"),
            // "暂不开放，可固定为 false" (L659): the box records no alert clips, so it refuses to pretend it does
            Field.bool("clipEnabled").check(v -> !v.asBoolean()),
            Field.bool("captureFullPicEnabled"),
            // "暂不开放，可固定为 0" (L662), but the spec's own GET example shows 10 (L931): a clip length means
            // nothing while clipEnabled is false, so any non-negative length is kept and reported, never used
            Field.integer("clipTime").range(0, Integer.MAX_VALUE),
            Field.integer("detectType").oneOf(detectCodes()),
            Field.integer("alertReportBufferSize").range(0, 10_000),
            Field.integer("captureReportBufferSize").range(0, 50_000),
            Field.integer("fullPicCompressLevel").range(10, 100),
            Field.bool("fullPicDrawRectEnabled"),
            Field.integer("minPushInterval").range(500, 10_000),
            Field.integer("pictureRetryCount").range(0, 5000),
            Field.integer("pictureRetryInterval").range(0, 60),
            Field.integer("pictureStrangerRetryCount").range(0, 5),
            Field.integer("retryCount").range(0, 5000),
            Field.integer("retryInterval").range(0, 60),
            Field.integer("strangerRetryCount").range(0, 5),
            Field.bool("rtspServerEnabled"));

    /** {@code POST /configs}. */
    static final Schema CONFIGS = Schema.of(
            Field.object("modelSw", MODEL_SW),
            Field.object("funcModule", FUNC_MODULE));

    /** {@code POST /configs/detect}: without {@code type} the request means nothing, so it is required. */
    static final Schema DETECT = Schema.of(
            Field.integer("type").required().oneOf(detectCodes()));

    /** {@code tcp://host:port} (L1059); host a name, an IPv4 address or a bracketed IPv6 address. */
    static final Pattern MEG_CONNECT_URL = Pattern.compile(
            "(?i:tcp)://([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})");

    /** {@code POST /devices/megConnect}; an empty url means "no address" (the state before any was set). */
    static final Schema MEG_CONNECT = Schema.of(
            Field.bool("enable"),
            Field.string("url").bytes(0, 128).check(v -> v.asText().isEmpty() || validMegConnectUrl(v.asText())));

    private ConfigSchemas() {
    }

    static boolean validMegConnectUrl(String url) {
        Matcher m = MEG_CONNECT_URL.matcher(url);
        if (!m.matches()) {
            return false;
        }
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65_535;
    }

    private static long[] detectCodes() {
        return Arrays.stream(DetectType.values()).mapToLong(DetectType::code).toArray();
    }

    private static <E> String[] wireNames(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toArray(String[]::new);
    }
}
