package org.megbox.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.megbox.rest.ApiException;
import org.megbox.rest.BinaryReply;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.Field;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.rest.Schema;
import org.megbox.rest.UploadedFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher end to end, driven through {@code HttpServlet.service} with hand-rolled fakes. */
class DispatcherServletTest {

    private static final Schema CONFIG = Schema.of(
            Field.string("deviceName").required().bytes(1, 32),
            Field.integer("port").range(1, 65535));

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final DispatcherServlet servlet = new DispatcherServlet(new RestOptions(100, 1024),
            RequestAuthenticator.ALLOW_ALL);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static RestEndpoint endpoint(Route... routes) {
        List<Route> list = List.of(routes);
        return () -> list;
    }

    private static Fakes.Response call(DispatcherServlet servlet, Fakes.Request req) throws Exception {
        Fakes.Response resp = new Fakes.Response();
        servlet.service(req, resp);
        return resp;
    }

    private Fakes.Response call(Fakes.Request req) throws Exception {
        return call(servlet, req);
    }

    private static JsonNode body(Fakes.Response resp) throws Exception {
        assertThat(resp.contentType).isEqualTo("application/json;charset=UTF-8");
        return Json.MAPPER.readTree(resp.text());
    }

    private static void assertError(Fakes.Response resp, int status, int code, String message) throws Exception {
        JsonNode b = body(resp);
        assertThat(resp.status).as(resp.text()).isEqualTo(status);
        assertThat(b.get("code").asInt()).as(resp.text()).isEqualTo(code);
        assertThat(b.get("message").asText()).isEqualTo(message);
        assertThat(b.get("data").toString()).isEqualTo("{}");
    }

    @Test
    void aGetRouteAnswersItsDataWithPathParamsAndQuery() throws Exception {
        servlet.addEndpoint(1, "rules", endpoint(Route.get("/getRuleTypeAttr/{typeNo}",
                r -> Map.of("typeNo", r.pathInt("typeNo"), "page", r.query("pageSize").orElse("none"),
                        "path", r.path()))));
        long before = System.currentTimeMillis();
        Fakes.Response resp = call(Fakes.Request.api("GET", "/getRuleTypeAttr/20?pageToken=3&pageSize=1%2B1"));
        long after = System.currentTimeMillis();

        assertThat(resp.status).isEqualTo(200);
        JsonNode b = body(resp);
        assertThat(b.get("code").asInt()).isZero();
        assertThat(b.get("message").asText()).isEqualTo("SUCCESS");
        assertThat(b.get("timestamp").asLong()).isBetween(before, after);
        assertThat(b.get("data").toString()).contains("\"typeNo\":20", "\"page\":\"1+1\"",
                "\"path\":\"/getRuleTypeAttr/20\"");
    }

    @Test
    void aNonIntegerPathParamIs104001NamingIt() throws Exception {
        servlet.addEndpoint(1, "rules", endpoint(Route.get("/getRuleTypeAttr/{typeNo}", r -> r.pathInt("typeNo"))));
        assertError(call(Fakes.Request.api("GET", "/getRuleTypeAttr/abc")), 400, 104001, "ILLEGAL_ARGUMENT:typeNo");
    }

    @Test
    void anUnknownPathIs404AndAWrongMethod405WithAllow() throws Exception {
        servlet.addEndpoint(1, "configs", endpoint(Route.get("/configs", r -> null), Route.post("/configs", r -> null)));

        assertError(call(Fakes.Request.api("GET", "/nope")), 404, 104007, "RESOURCES_NOT_FOUND:/v1/MEGBOX/nope");
        assertError(call(Fakes.Request.api("GET", null)), 404, 104007, "RESOURCES_NOT_FOUND:/v1/MEGBOX");

        Fakes.Response wrong = call(Fakes.Request.api("DELETE", "/configs"));
        assertError(wrong, 405, 104007, "RESOURCES_NOT_FOUND:METHOD DELETE");
        assertThat(wrong.headers).containsEntry("Allow", "GET, POST");
    }

    @Test
    void aValidJsonBodyReachesTheHandler() throws Exception {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        servlet.addEndpoint(1, "configs", endpoint(Route.post("/configs", r -> {
            seen.set(r.json(CONFIG));
            return null;
        })));
        Fakes.Response resp = call(Fakes.Request.api("POST", "/configs").json("{\"deviceName\":\"box\",\"x\":1}"));
        assertThat(resp.status).isEqualTo(200);
        assertThat(body(resp).get("data").toString()).isEqualTo("{}");
        assertThat(seen.get().get("deviceName").asText()).isEqualTo("box");
    }

    @Test
    void jsonBodyErrors() throws Exception {
        servlet.addEndpoint(1, "configs", endpoint(Route.post("/configs", r -> r.json(CONFIG)),
                Route.put("/raw", r -> r.json())));

        assertError(call(Fakes.Request.api("POST", "/configs").json("")), 400, 104000, "ILLEGAL_JSON_BODY");
        assertError(call(Fakes.Request.api("POST", "/configs").json("   ")), 400, 104000, "ILLEGAL_JSON_BODY");
        assertError(call(Fakes.Request.api("POST", "/configs").json("{\"deviceName\":")), 400, 104000,
                "ILLEGAL_JSON_BODY");
        assertError(call(Fakes.Request.api("POST", "/configs").json("{} {}")), 400, 104000, "ILLEGAL_JSON_BODY");
        assertError(call(Fakes.Request.api("PUT", "/raw").json("null")), 400, 104000, "ILLEGAL_JSON_BODY");
        assertError(call(Fakes.Request.api("POST", "/configs").json("[1]")), 400, 104001, "ILLEGAL_ARGUMENT:body");
        assertError(call(Fakes.Request.api("POST", "/configs").json("{\"port\":0}")), 400, 104002,
                "MISSING_ARGUMENT:deviceName");
        assertError(call(Fakes.Request.api("POST", "/configs").json("{\"deviceName\":\"b\",\"port\":0}")), 400,
                104001, "ILLEGAL_ARGUMENT:port");
    }

    @Test
    void aBodyOverTheCapIs104001Body() throws Exception {
        servlet.addEndpoint(1, "configs", endpoint(Route.post("/configs", r -> r.json()), Route.get("/q", r -> r.json())));
        String big = "{\"a\":\"" + "x".repeat(2000) + "\"}";

        assertError(call(Fakes.Request.api("POST", "/configs").json(big)), 400, 104001, "ILLEGAL_ARGUMENT:body");

        // a client that lies about (or omits) the length is cut off while reading
        Fakes.Request chunked = Fakes.Request.api("GET", "/q").json(big);
        chunked.declaredLength = -1;
        assertError(call(chunked), 400, 104001, "ILLEGAL_ARGUMENT:body");
    }

    @Test
    void anUnexpectedExceptionIs500AndKeepsItsDetailsServerSide() throws Exception {
        servlet.addEndpoint(1, "boom", endpoint(Route.get("/boom", r -> {
            throw new IllegalStateException("password=megbox");
        }), Route.get("/oom", r -> {
            throw new NoClassDefFoundError("org/gone/Thing");
        })));
        Fakes.Response resp = call(Fakes.Request.api("GET", "/boom"));
        assertError(resp, 500, 105000, "INTERNAL_ERROR");
        assertThat(resp.text()).doesNotContain("megbox\"", "password", "IllegalState");

        assertError(call(Fakes.Request.api("GET", "/oom")), 500, 105000, "INTERNAL_ERROR");
    }

    @Test
    void aBusinessErrorKeepsItsCode() throws Exception {
        servlet.addEndpoint(1, "videos", endpoint(Route.delete("/videos/{no}", r -> {
            throw new ApiException(ErrorCode.VIDEO_CH_NOT_EXIST);
        })));
        assertError(call(Fakes.Request.api("DELETE", "/videos/3")), 400, 104017, "VIDEO_CH_NOT_EXIST");
    }

    @Test
    void aBinaryReplyIsNotWrapped() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 7};
        servlet.addEndpoint(1, "faces", endpoint(Route.get("/faces/image/{imageId}",
                r -> new BinaryReply("image/jpeg", jpeg))));
        Fakes.Response resp = call(Fakes.Request.api("GET", "/faces/image/abc"));
        assertThat(resp.status).isEqualTo(200);
        assertThat(resp.contentType).isEqualTo("image/jpeg");
        assertThat(resp.body.toByteArray()).isEqualTo(jpeg);
    }

    @Test
    void multipartFieldsAndFiles() throws Exception {
        List<Object> seen = new ArrayList<>();
        servlet.addEndpoint(1, "faces", endpoint(Route.post("/faces", r -> {
            seen.add(r.formField("description").orElseThrow());
            seen.add(r.formField("absent"));
            UploadedFile image = r.file("image").orElseThrow();
            seen.add(image.fileName());
            seen.add(new String(image.content(), StandardCharsets.UTF_8));
            seen.add(r.files("image").size());
            seen.add(r.formFields("data"));
            seen.add(r.file("nothing"));
            return null;
        })));
        Fakes.FakePart img1 = Fakes.FakePart.file("image", "a.jpg", "IMG1".getBytes(StandardCharsets.UTF_8));
        Fakes.FakePart img2 = Fakes.FakePart.file("image", "b.jpg", "IMG2".getBytes(StandardCharsets.UTF_8));
        Fakes.Request req = Fakes.Request.api("POST", "/faces").multipart(Fakes.FakePart.field("description", "前台"),
                Fakes.FakePart.field("data", "{\"n\":1}"), img1, Fakes.FakePart.field("data", "{\"n\":2}"), img2);

        Fakes.Response resp = call(req);
        assertThat(resp.status).as(resp.text()).isEqualTo(200);
        assertThat(seen).containsExactly("前台", Optional.empty(), "a.jpg", "IMG1", 2,
                List.of("{\"n\":1}", "{\"n\":2}"), Optional.empty());
        assertThat(img1.deleted).as("temporary part files are cleaned up").isTrue();
        assertThat(img2.deleted).isTrue();
    }

    @Test
    void askingAJsonRequestForAFileIsMissingArgument() throws Exception {
        servlet.addEndpoint(1, "faces", endpoint(Route.post("/faces", r -> r.file("image"))));
        assertError(call(Fakes.Request.api("POST", "/faces").json("{}")), 400, 104002, "MISSING_ARGUMENT:image");
    }

    @Test
    void anUnreadableMultipartBodyIs104001NamingThePartAskedFor() throws Exception {
        servlet.addEndpoint(1, "faces", endpoint(Route.post("/faces", r -> r.file("image"))));
        Fakes.Request req = Fakes.Request.api("POST", "/faces").multipart();
        req.partsFailure = new java.io.IOException("Error parsing multipart request: file too large");
        assertError(call(req), 400, 104001, "ILLEGAL_ARGUMENT:image");
    }

    @Test
    void aWriteWaitsForTheGateAfterReadingItsBody() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        servlet.addEndpoint(1, "cfg", endpoint(
                Route.post("/slow", r -> {
                    inside.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                    return Map.of("done", true);
                }),
                Route.put("/configs", r -> r.json()),
                Route.get("/configs", r -> Map.of("read", true))));

        Future<Fakes.Response> first = pool.submit(() -> call(Fakes.Request.api("POST", "/slow").json("{}")));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        Fakes.Request second = Fakes.Request.api("PUT", "/configs").json("{\"a\":1}");
        assertError(call(second), 400, 104004, "NO_ACCESS");
        assertThat(second.bodyRead).as("the body was read before waiting for the gate").isTrue();

        Fakes.Response read = call(Fakes.Request.api("GET", "/configs"));
        assertThat(read.status).isEqualTo(200);
        assertThat(body(read).get("data").toString()).isEqualTo("{\"read\":true}");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).status).isEqualTo(200);
        assertThat(call(Fakes.Request.api("PUT", "/configs").json("{\"a\":1}")).status).isEqualTo(200);
    }

    @Test
    void aReadDeclaredPostDoesNotTakeTheGate() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        servlet.addEndpoint(1, "x", endpoint(
                Route.post("/slow", r -> {
                    inside.countDown();
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                    return null;
                }),
                Route.post("/search", r -> Map.of("hits", 0)).asRead()));
        Future<Fakes.Response> first = pool.submit(() -> call(Fakes.Request.api("POST", "/slow").json("{}")));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(call(Fakes.Request.api("POST", "/search").json("{}")).status).isEqualTo(200);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void endpointsComeAndGoAndASecondClaimIsRefused() throws Exception {
        servlet.addEndpoint(5, "first", endpoint(Route.get("/configs", r -> "first")));
        servlet.addEndpoint(9, "second", endpoint(Route.get("/configs", r -> "second"), Route.get("/other", r -> "o")));

        assertThat(body(call(Fakes.Request.api("GET", "/configs"))).get("data").asText()).isEqualTo("first");
        assertThat(call(Fakes.Request.api("GET", "/other")).status).isEqualTo(200);

        servlet.removeEndpoint(5);
        assertThat(body(call(Fakes.Request.api("GET", "/configs"))).get("data").asText()).isEqualTo("second");

        servlet.removeEndpoint(9);
        assertThat(call(Fakes.Request.api("GET", "/configs")).status).isEqualTo(404);
    }

    @Test
    void anEndpointWhoseRoutesThrowIsSkipped() throws Exception {
        servlet.addEndpoint(1, "broken", () -> {
            throw new IllegalStateException("no routes today");
        });
        servlet.addEndpoint(2, "fine", endpoint(Route.get("/ok", r -> null)));
        assertThat(call(Fakes.Request.api("GET", "/ok")).status).isEqualTo(200);
        assertThat(servlet.table().size()).isEqualTo(1);
    }

    @Test
    void theAuthenticatorSeamRunsFirst() throws Exception {
        DispatcherServlet guarded = new DispatcherServlet(RestOptions.DEFAULTS, (req, resp) -> {
            resp.setHeader("WWW-Authenticate", "Digest realm=\"megbox\"");
            return Optional.of(new ErrorReply(401, 104005, "PASSWORD_ERROR"));
        });
        guarded.addEndpoint(1, "x", endpoint(Route.get("/configs", r -> "secret")));
        Fakes.Response resp = call(guarded, Fakes.Request.api("GET", "/configs"));
        assertError(resp, 401, 104005, "PASSWORD_ERROR");
        assertThat(resp.headers).containsKey("WWW-Authenticate");
    }

    @Test
    void optionsChangeTheGateWait() {
        servlet.apply(new RestOptions(1234, 99));
        assertThat(servlet.gate().waitMillis()).isEqualTo(1234);
        assertThat(new RestOptions(-1, 0)).isEqualTo(RestOptions.DEFAULTS);
    }

    @Test
    void theRequestSeesItsHeaders() throws Exception {
        servlet.addEndpoint(1, "x", endpoint(Route.get("/h", (RestRequest r) -> r.header("X-Trace").orElse("-"))));
        Fakes.Request req = Fakes.Request.api("GET", "/h");
        req.headers.put("x-trace", "t1");
        assertThat(body(call(req)).get("data").asText()).isEqualTo("t1");
    }
}
