package org.megbox.delivery.internal;

import static org.megbox.rest.PartialUpdate.bool;
import static org.megbox.rest.PartialUpdate.integer;
import static org.megbox.rest.PartialUpdate.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * The HTTP reporting settings of §4.1.5-4.1.6 with the spec's field names: {@code enable}, a {@code main} and a
 * {@code slave} receiver. Immutable; serialised as is for {@code GET /devices/httpReports} and for the database.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpReports(boolean enable, Receiver main, Receiver slave) {

    /**
     * One receiver. {@code persistReport} exists only in {@code main} (null for {@code slave}, and then omitted).
     * Defaults where the spec names them: {@code eventType} 2 (recognition), {@code resend} 1, {@code interval} 1 s.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receiver(String url, boolean captureUpload, boolean smallCaptureUpload, boolean bigCaptureUpload,
            int eventType, int resend, int interval, boolean featureUpload, Boolean persistReport) {

        public Receiver {
            url = url == null ? "" : url;
        }

        boolean persistent() {
            return Boolean.TRUE.equals(persistReport);
        }

        boolean active() {
            return !url.isEmpty();
        }
    }

    static final Receiver DEFAULT_MAIN = new Receiver("", false, false, false, 2, 1, 1, false, false);
    static final Receiver DEFAULT_SLAVE = new Receiver("", false, false, false, 2, 1, 1, false, null);
    static final HttpReports DEFAULT = new HttpReports(false, DEFAULT_MAIN, DEFAULT_SLAVE);

    public HttpReports {
        main = main == null ? DEFAULT_MAIN : main;
        slave = slave == null ? DEFAULT_SLAVE : slave;
    }

    private static final Pattern URL = Pattern.compile("^$|^https?://[^\\s/?#]+(/\\S*)?$");

    private static Field[] receiverFields(boolean main) {
        Field[] common = {
            Field.string("url").bytes(0, 1024).check(n -> URL.matcher(n.asText()).matches()),
            Field.bool("captureUpload"),
            Field.bool("smallCaptureUpload"),
            Field.bool("bigCaptureUpload"),
            Field.integer("eventType").oneOf(1, 2, 3),
            Field.integer("resend").range(0, 3),
            Field.integer("interval").range(1, 5),
            Field.bool("featureUpload"),
        };
        if (!main) {
            return common;
        }
        Field[] withPersist = java.util.Arrays.copyOf(common, common.length + 1);
        withPersist[common.length] = Field.bool("persistReport");
        return withPersist;
    }

    /** §4.1.5: every field optional; unknown fields ignored. */
    static final Schema SCHEMA = Schema.of(
            Field.bool("enable"),
            Field.object("main", Schema.of(receiverFields(true))),
            Field.object("slave", Schema.of(receiverFields(false))));

    /** This configuration with the fields present in a validated {@code POST} body replaced. */
    HttpReports merge(JsonNode body) {
        return new HttpReports(bool(body, "enable", enable), merge(main, body.get("main")),
                merge(slave, body.get("slave")));
    }

    private static Receiver merge(Receiver r, JsonNode n) {
        if (n == null || !n.isObject()) {
            return r;
        }
        return new Receiver(text(n, "url", r.url()), bool(n, "captureUpload", r.captureUpload()),
                bool(n, "smallCaptureUpload", r.smallCaptureUpload()), bool(n, "bigCaptureUpload", r.bigCaptureUpload()),
                integer(n, "eventType", r.eventType()), integer(n, "resend", r.resend()),
                integer(n, "interval", r.interval()), bool(n, "featureUpload", r.featureUpload()),
                r.persistReport() == null ? null : bool(n, "persistReport", r.persistReport()));
    }
}
