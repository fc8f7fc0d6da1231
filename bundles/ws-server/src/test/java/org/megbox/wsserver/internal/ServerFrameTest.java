package org.megbox.wsserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.megbox.delivery.EventPayloads.Pictures;
import org.megbox.events.StoredEvent;
import org.junit.jupiter.api.Test;

class ServerFrameTest {

    static final String BASE = "http://10.0.0.5:8080/v1/MEGBOX/";

    /** Header fields and the JSON of a §23.3 frame; asserts HEADLEN covers exactly the rest. */
    static JsonNode json(byte[] frame, String type, int seq) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(frame);
        byte[] t = new byte[8];
        b.get(t);
        assertThat(new String(t, StandardCharsets.US_ASCII)).isEqualTo((type + "\0\0\0\0\0\0\0\0").substring(0, 8));
        int headLen = b.getInt();
        assertThat(b.getInt()).as("SEQ").isEqualTo(seq);
        assertThat(headLen).as("HEADLEN: no PIC part in §23.3").isEqualTo(frame.length - 16);
        return new ObjectMapper().readTree(new String(frame, 16, headLen, StandardCharsets.UTF_8));
    }

    @Test
    void alertCarriesTheCropAsBase64AndTheFullPictureAsUrl() throws Exception {
        StoredEvent e = Fakes.event(7, 14);
        byte[] legacy = Fakes.legacy(e, false, 3, ServerFrame.legacyPictures(Pictures.ALL));
        byte[] frame = ServerFrame.fromLegacy(legacy, e, Pictures.ALL, BASE);
        JsonNode j = json(frame, "Alert", 3);
        assertThat(Base64.getDecoder().decode(j.at("/images/captureFace").asText())).isEqualTo(Fakes.CROP);
        assertThat(j.at("/images/fullImage").asText())
                .isEqualTo(BASE + "pictures/2026/11/25/16/7_1_6018_full.jpg");
        assertThat(j.at("/images/Top1").asInt()).isZero();
        assertThat(j.path("dataType").asText()).isEqualTo("Alert");
        assertThat(j.path("timestamp").asLong()).isEqualTo(e.timestamp());
        assertThat(ServerFrame.type(frame)).isEqualTo("Alert");
    }

    @Test
    void theFullPictureBytesAreNeverAskedFor() {
        assertThat(ServerFrame.legacyPictures(Pictures.ALL)).isEqualTo(new Pictures(true, false, true));
    }

    @Test
    void captureHasThePicturesAtTheTopLevel() throws Exception {
        StoredEvent e = Fakes.event(8, 1);
        byte[] legacy = Fakes.legacy(e, true, 9, ServerFrame.legacyPictures(Pictures.ALL));
        JsonNode j = json(ServerFrame.fromLegacy(legacy, e, Pictures.ALL, BASE), "Capture", 9);
        assertThat(Base64.getDecoder().decode(j.path("captureFace").asText())).isEqualTo(Fakes.CROP);
        assertThat(j.path("fullImage").asText()).endsWith("/v1/MEGBOX/pictures/2026/11/25/16/8_1_6018_full.jpg");
        assertThat(j.has("images")).isFalse();
    }

    @Test
    void switchedOffPicturesAreEmpty() throws Exception {
        StoredEvent e = Fakes.event(9, 14);
        Pictures none = new Pictures(false, true, true);
        byte[] legacy = Fakes.legacy(e, false, 1, ServerFrame.legacyPictures(none));
        JsonNode j = json(ServerFrame.fromLegacy(legacy, e, none, BASE), "Alert", 1);
        assertThat(j.at("/images/captureFace").asText()).isEmpty();
        assertThat(j.at("/images/fullImage").asText()).isEmpty();

        Pictures cropOnly = new Pictures(true, false, true);
        legacy = Fakes.legacy(e, false, 2, ServerFrame.legacyPictures(cropOnly));
        j = json(ServerFrame.fromLegacy(legacy, e, cropOnly, BASE), "Alert", 2);
        assertThat(j.at("/images/captureFace").asText()).isNotEmpty();
        assertThat(j.at("/images/fullImage").asText()).isEmpty();
    }
}
