package org.megbox.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.megbox.rest.ApiException;
import org.megbox.rest.BinaryReply;
import org.megbox.rest.ErrorCode;
import org.junit.jupiter.api.Test;

class EnvelopeWriterTest {

    private final EnvelopeWriter.Received received = new EnvelopeWriter.Received(1_532_489_052_000L, System.nanoTime());

    private static JsonNode parse(Fakes.Response resp) throws Exception {
        return Json.MAPPER.readTree(resp.text());
    }

    /** A value shaped like an endpoint DTO, with a null field that must not be written. */
    public record Dto(String deviceName, Integer port, String nothing) {
    }

    @Test
    void successWrapsTheValueInTheEnvelopeInSpecOrder() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeResult(resp, new Dto("box", 80, null), received, "GET /x");

        assertThat(resp.status).isEqualTo(200);
        assertThat(resp.contentType).isEqualTo("application/json;charset=UTF-8");
        assertThat(resp.contentLength).isEqualTo(resp.body.size());
        JsonNode body = parse(resp);
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("code", "message", "timestamp", "timeCost", "data");
        assertThat(body.get("code").asInt()).isZero();
        assertThat(body.get("message").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("timestamp").asLong()).isEqualTo(1_532_489_052_000L);
        assertThat(body.get("timeCost").isIntegralNumber()).isTrue();
        assertThat(body.get("timeCost").asLong()).isNotNegative();
        assertThat(body.get("data").toString()).isEqualTo("{\"deviceName\":\"box\",\"port\":80}");
    }

    @Test
    void nullDataIsAnEmptyObject() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeResult(resp, null, received, "GET /x");
        assertThat(parse(resp).get("data").toString()).isEqualTo("{}");
    }

    @Test
    void aBeanWithoutPropertiesIsAnEmptyObjectToo() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeResult(resp, new Object(), received, "GET /x");
        assertThat(resp.status).isEqualTo(200);
        assertThat(parse(resp).get("data").toString()).isEqualTo("{}");
    }

    @Test
    void anApiExceptionGivesItsStatusCodeAndMessage() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeFailure(resp, ApiException.illegal("searchThreshold", "rotation"), received, "POST /x");
        assertThat(resp.status).isEqualTo(400);
        assertThat(resp.text()).isEqualTo("{\"code\":104001,\"message\":\"ILLEGAL_ARGUMENT:searchThreshold,rotation\","
                + "\"timestamp\":1532489052000,\"timeCost\":" + parse(resp).get("timeCost").asLong() + ",\"data\":{}}");
    }

    @Test
    void aWrappedApiExceptionKeepsItsCode() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeFailure(resp, new CompletionException(new ApiException(ErrorCode.NO_VIDEO)), received,
                "GET /x");
        assertThat(resp.status).isEqualTo(400);
        assertThat(parse(resp).get("code").asInt()).isEqualTo(104009);
    }

    @Test
    void theNotFoundCodeAnswersHttp404() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeFailure(resp, new ApiException(ErrorCode.NOT_FOUND, "/v1/MEGBOX/nope"), received, "x");
        assertThat(resp.status).isEqualTo(404);
        assertThat(parse(resp).get("code").asInt()).isEqualTo(104007);
        assertThat(parse(resp).get("message").asText()).isEqualTo("RESOURCES_NOT_FOUND:/v1/MEGBOX/nope");
    }

    @Test
    void anUnexpectedExceptionIs500WithoutAnyDetail() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeFailure(resp, new IllegalStateException("secret table /var/db broke"), received, "GET /x");
        assertThat(resp.status).isEqualTo(500);
        JsonNode body = parse(resp);
        assertThat(body.get("code").asInt()).isEqualTo(105000);
        assertThat(body.get("message").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(body.get("data").toString()).isEqualTo("{}");
        assertThat(resp.text()).doesNotContain("secret", "IllegalState", "at org.");
    }

    /** Jackson cannot serialise this: the getter throws. */
    public static final class Unserialisable {
        public String getValue() {
            throw new IllegalStateException("secret getter");
        }
    }

    @Test
    void aValueJacksonCannotWriteIsAClean500() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeResult(resp, new Unserialisable(), received, "GET /x");
        assertThat(resp.status).isEqualTo(500);
        assertThat(parse(resp).get("code").asInt()).isEqualTo(105000);
        assertThat(resp.text()).doesNotContain("secret");
    }

    @Test
    void aBinaryReplyIsSentAsIs() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2};
        EnvelopeWriter.writeResult(resp, new BinaryReply("image/jpeg", jpeg), received, "GET /x");
        assertThat(resp.status).isEqualTo(200);
        assertThat(resp.contentType).isEqualTo("image/jpeg");
        assertThat(resp.body.toByteArray()).isEqualTo(jpeg);
        assertThat(resp.contentLength).isEqualTo(4);
    }

    @Test
    void mapsAndListsAreWrittenAsJacksonWritesThem() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        EnvelopeWriter.writeResult(resp, Map.of("ids", List.of(1, 2)), received, "GET /x");
        assertThat(parse(resp).get("data").toString()).isEqualTo("{\"ids\":[1,2]}");
        assertThat(new String(resp.body.toByteArray(), StandardCharsets.UTF_8)).startsWith("{\"code\":0,");
    }

    @Test
    void nothingIsWrittenOnACommittedResponse() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        resp.committed = true;
        resp.status = 200;
        EnvelopeWriter.writeError(resp, ErrorReply.INTERNAL, received);
        assertThat(resp.body.size()).isZero();
        assertThat(resp.status).isEqualTo(200);
    }

    @Test
    void errorDataTravelsInDataWhileTheMessageKeepsItsSpelling() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        ApiException refused = ApiException.illegal("file").withData(Map.of("reason", "no Bundle-SymbolicName"));
        EnvelopeWriter.writeFailure(resp, refused, received, "POST /warehouses");

        assertThat(resp.status).isEqualTo(400);
        JsonNode body = parse(resp);
        assertThat(body.get("code").asInt()).isEqualTo(104001);
        assertThat(body.get("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:file");
        assertThat(body.at("/data/reason").asText()).isEqualTo("no Bundle-SymbolicName");
    }
}
