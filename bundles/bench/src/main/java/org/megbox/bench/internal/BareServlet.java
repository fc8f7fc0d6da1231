package org.megbox.bench.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Benchmark baseline: the cheapest possible JSON answer on the same Jetty, so REST figures are
 * reported as a ratio to what the container itself costs. Only the benchmark script installs it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/bench/bare")
public class BareServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = "{\"code\":0,\"message\":\"SUCCESS\",\"timestamp\":0,\"timeCost\":0,\"data\":{}}"
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(BODY.length);
        resp.getOutputStream().write(BODY);
    }
}
