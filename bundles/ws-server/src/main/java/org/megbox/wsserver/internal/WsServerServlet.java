package org.megbox.wsserver.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.EventReceivers;
import org.megbox.rest.ErrorCode;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The §23.3 WebSocket server at {@value #PATH} (the spec names no path; documented in docs/api-notes.md), served
 * by Felix HTTP's Jetty 12 ({@code org.apache.felix.jetty.websocket.enable}). The query of the upgrade request
 * chooses what the client gets ({@link ClientOptions}); a bad one is refused before the upgrade with HTTP 400 and
 * the envelope {@code 104001 ILLEGAL_ARGUMENT:<name>}, like the REST API. The REST API enforces no authentication,
 * so neither does this endpoint.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
@HttpWhiteboardServletPattern(WsServerServlet.PATH)
@HttpWhiteboardServletName("megbox-ws-server")
public final class WsServerServlet extends JettyWebSocketServlet {

    static final String PATH = "/v1/MEGBOX/ws";
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient ClientHub hub;

    @Activate
    public WsServerServlet(BundleContext context, @Reference(name = "payloads") EventPayloads payloads) {
        this.hub = new ClientHub(payloads, receiver -> EventReceivers.register(context, receiver),
                ClientReceiver.Timing.DEFAULT);
    }

    @Deactivate
    void deactivate() {
        hub.shutdown();
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // pings every second keep a live connection busy; this only ends connections the pong rule missed
        factory.setIdleTimeout(Duration.ofSeconds(30));
        // clients send acknowledgements only
        factory.setMaxTextMessageSize(4096);
        factory.setMaxBinaryMessageSize(4096);
        factory.setCreator(this::create);
    }

    private Object create(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response)
            throws IOException {
        ClientOptions options;
        try {
            options = ClientOptions.parse(request.getParameterMap());
        } catch (ClientOptions.BadParameter e) {
            response.sendError(400, ErrorCode.ILLEGAL_ARGUMENT.message() + ":" + e.getMessage());
            return null;
        }
        // §23.3's fullImage is a URL: the pictures of this box, as the client reached it
        String host = request.getHeader("Host");
        String pictureBaseUrl = "http://" + (host == null ? "127.0.0.1" : host) + "/v1/MEGBOX/";
        return new ClientSession(options.receiverName(hub.newConnectionId()), options, hub, pictureBaseUrl);
    }

    /** Checks the query (and that it is an upgrade at all) first, so a refusal is the API's JSON envelope. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        long received = System.currentTimeMillis();
        String upgrade = req.getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            writeError(resp, "Upgrade", received);
            return;
        }
        try {
            ClientOptions.parse(query(req));
        } catch (ClientOptions.BadParameter e) {
            writeError(resp, e.getMessage(), received);
            return;
        }
        super.service(req, resp);
    }

    private static Map<String, List<String>> query(HttpServletRequest req) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> query.put(k, Arrays.asList(v)));
        return query;
    }

    private static void writeError(HttpServletResponse resp, String field, long received) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", ErrorCode.ILLEGAL_ARGUMENT.code());
        body.put("message", ErrorCode.ILLEGAL_ARGUMENT.message() + ":" + field);
        body.put("timestamp", received);
        body.put("timeCost", System.currentTimeMillis() - received);
        body.put("data", Map.of());
        byte[] bytes = JSON.writeValueAsBytes(body);
        resp.setStatus(ErrorCode.ILLEGAL_ARGUMENT.httpStatus());
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The receiver names of the clients connected now (tests, diagnostics). */
    List<String> clients() {
        return hub.clients();
    }
}
