package org.megbox.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.RequestDispatcher;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.junit.jupiter.api.Test;

/** The catch-all servlet on {@code /} and the error page: JSON for everything outside the routes. */
class FallbackServletsTest {

    private static JsonNode body(Fakes.Response resp) throws Exception {
        assertThat(resp.contentType).isEqualTo("application/json;charset=UTF-8");
        return Json.MAPPER.readTree(resp.text());
    }

    @Test
    void anyUnservedPathIs404Json() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        new NotFoundServlet().service(new Fakes.Request("POST", "", "/index.html"), resp);
        assertThat(resp.status).isEqualTo(404);
        JsonNode b = body(resp);
        assertThat(b.get("code").asInt()).isEqualTo(104007);
        assertThat(b.get("message").asText()).isEqualTo("RESOURCES_NOT_FOUND:/index.html");
        assertThat(b.get("data").toString()).isEqualTo("{}");
    }

    @Test
    void aVeryLongPathIsNotEchoedWhole() throws Exception {
        Fakes.Response resp = new Fakes.Response();
        new NotFoundServlet().service(new Fakes.Request("GET", "", "/" + "a".repeat(5000)), resp);
        assertThat(body(resp).get("message").asText()).hasSizeLessThan(300);
    }

    private static Fakes.Response errorPage(int status, Throwable exception) throws Exception {
        Fakes.Request req = new Fakes.Request("GET", "", "/v1/MEGBOX/x");
        req.attributes.put(RequestDispatcher.ERROR_STATUS_CODE, status);
        req.attributes.put(RequestDispatcher.ERROR_REQUEST_URI, "/some/where");
        req.attributes.put("jakarta.servlet.error.method", "PATCH");
        if (exception != null) {
            req.attributes.put(RequestDispatcher.ERROR_EXCEPTION, exception);
        }
        Fakes.Response resp = new Fakes.Response();
        new ErrorPageServlet().service(req, resp);
        return resp;
    }

    @Test
    void errorPagesAnswerTheEnvelopeWithTheContainersStatus() throws Exception {
        Fakes.Response notFound = errorPage(404, null);
        assertThat(notFound.status).isEqualTo(404);
        assertThat(body(notFound).get("message").asText()).isEqualTo("RESOURCES_NOT_FOUND:/some/where");

        Fakes.Response method = errorPage(405, null);
        assertThat(method.status).isEqualTo(405);
        assertThat(body(method).get("message").asText()).isEqualTo("RESOURCES_NOT_FOUND:METHOD PATCH");

        Fakes.Response tooLarge = errorPage(413, null);
        assertThat(tooLarge.status).isEqualTo(413);
        assertThat(body(tooLarge).get("code").asInt()).isEqualTo(104001);
        assertThat(body(tooLarge).get("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:body");

        Fakes.Response bad = errorPage(400, null);
        assertThat(body(bad).get("message").asText()).isEqualTo("ILLEGAL_ARGUMENT");

        assertThat(body(errorPage(401, null)).get("code").asInt()).isEqualTo(104004);
        assertThat(body(errorPage(408, null)).get("code").asInt()).isEqualTo(104006);

        Fakes.Response unavailable = errorPage(503, null);
        assertThat(unavailable.status).isEqualTo(503);
        assertThat(body(unavailable).get("code").asInt()).isEqualTo(105000);
    }

    @Test
    void anEscapedExceptionIsA500WithoutDetailsUnlessItIsABusinessError() throws Exception {
        Fakes.Response internal = errorPage(500, new IllegalStateException("secret"));
        assertThat(internal.status).isEqualTo(500);
        assertThat(body(internal).get("code").asInt()).isEqualTo(105000);
        assertThat(internal.text()).doesNotContain("secret");

        Fakes.Response business = errorPage(500, new ApiException(ErrorCode.PROCESS_BUSY));
        assertThat(business.status).isEqualTo(400);
        assertThat(body(business).get("code").asInt()).isEqualTo(104012);
    }

    @Test
    void theErrorPageReportsTheDispatchersReceiptTime() throws Exception {
        Fakes.Request req = new Fakes.Request("GET", "", "/x");
        req.attributes.put(RequestDispatcher.ERROR_STATUS_CODE, 500);
        req.attributes.put(DispatcherServlet.RECEIVED_ATTR, new EnvelopeWriter.Received(42L, System.nanoTime()));
        Fakes.Response resp = new Fakes.Response();
        new ErrorPageServlet().service(req, resp);
        assertThat(body(resp).get("timestamp").asLong()).isEqualTo(42L);
    }
}
