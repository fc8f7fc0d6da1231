package org.megbox.rest.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The default servlet ({@code /}) of the whole server: any path no other servlet serves gets HTTP 404 with
 * the envelope, {@code 104007 RESOURCES_NOT_FOUND:<path>}, never Jetty's HTML page. It also gives filters
 * a servlet to sit in front of on every path (Felix Jetty 12 never runs a filter on a path without one).
 * Lowest ranking, so any other bundle may still claim {@code /}.
 */
@Component(service = Servlet.class, property = Constants.SERVICE_RANKING + ":Integer=-2147483648")
@HttpWhiteboardContextSelect("(" + DispatcherServlet.CONTEXT_NAME_PROP + "=default)")
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardServletName("megbox-not-found")
public final class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EnvelopeWriter.writeError(resp, ErrorReply.notFound(req.getRequestURI()), EnvelopeWriter.Received.now());
    }
}
