package org.megbox.rest.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.Route;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet of the MegBox API: every request under {@code /v1/MEGBOX} is routed to a {@link Route}
 * of a bound {@link RestEndpoint} service and answered with the envelope.
 *
 * <p>Per request: authenticate (seam, {@link RequestAuthenticator}) → resolve method + path in the current
 * {@link RouteTable} (404 / 405 as JSON) → for a write, read the body first, then wait for the
 * {@link WriteGate} → run the handler → write the envelope ({@link EnvelopeWriter}).
 *
 * <p>Multipart is enabled here for the whole API (the container parses it only when a handler asks for a
 * part): 64 MB per file, 256 MB per request (a batch import carries up to 50 images of 4 MB); both can be
 * overridden through the configuration of this component
 * ({@code osgi.http.whiteboard.servlet.multipart.maxFileSize} …).
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@Designate(ocd = RestConfig.class)
@HttpWhiteboardContextSelect("(" + DispatcherServlet.CONTEXT_NAME_PROP + "=default)")
@HttpWhiteboardServletPattern(DispatcherServlet.PREFIX + "/*")
@HttpWhiteboardServletName("megbox-rest")
@HttpWhiteboardServletMultipart(fileSizeThreshold = 1024 * 1024, maxFileSize = 64L * 1024 * 1024,
        maxRequestSize = 256L * 1024 * 1024)
public final class DispatcherServlet extends HttpServlet {

    static final String PREFIX = "/v1/MEGBOX";
    static final String CONTEXT_NAME_PROP = "osgi.http.whiteboard.context.name";
    /** Request attribute holding the receipt time, so an error page can report the real timestamp. */
    static final String RECEIVED_ATTR = "org.megbox.rest.received";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherServlet.class);

    private final transient RouteRegistry routes = new RouteRegistry();
    private final transient WriteGate gate;
    private final transient RequestAuthenticator authenticator;
    private transient volatile RestOptions options;

    @Activate
    public DispatcherServlet(RestConfig config) {
        this(RestOptions.of(config), RequestAuthenticator.ALLOW_ALL);
    }

    DispatcherServlet(RestOptions options, RequestAuthenticator authenticator) {
        this.options = options;
        this.gate = new WriteGate(options.writeWaitMillis());
        this.authenticator = authenticator;
    }

    @Modified
    void modified(RestConfig config) {
        apply(RestOptions.of(config));
    }

    void apply(RestOptions next) {
        if (!next.equals(options)) {
            options = next;
            gate.setWaitMillis(next.writeWaitMillis());
            LOG.info("REST options now {}", next);
        }
    }

    @Reference(service = RestEndpoint.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindEndpoint(ServiceReference<RestEndpoint> ref, RestEndpoint endpoint) {
        addEndpoint(serviceId(ref), describe(ref, endpoint), endpoint);
    }

    void updatedEndpoint(ServiceReference<RestEndpoint> ref, RestEndpoint endpoint) {
        addEndpoint(serviceId(ref), describe(ref, endpoint), endpoint);
    }

    void unbindEndpoint(ServiceReference<RestEndpoint> ref) {
        removeEndpoint(serviceId(ref));
    }

    /** Adds an endpoint under a key that orders it (its service id: the earlier one keeps a contested route). */
    void addEndpoint(long key, String name, RestEndpoint endpoint) {
        List<Route> list;
        try {
            list = endpoint.routes();
        } catch (RuntimeException e) {
            LOG.error("Endpoint {} failed to list its routes; none of them is served", name, e);
            return;
        }
        routes.add(key, name, list == null ? List.of() : list);
    }

    void removeEndpoint(long key) {
        routes.remove(key);
    }

    RouteTable table() {
        return routes.table();
    }

    WriteGate gate() {
        return gate;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EnvelopeWriter.Received received = EnvelopeWriter.Received.now();
        req.setAttribute(RECEIVED_ATTR, received);
        String method = req.getMethod();
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String what = method + " " + PREFIX + path;
        try {
            Optional<ErrorReply> refused = authenticator.authenticate(req, resp);
            if (refused.isPresent()) {
                EnvelopeWriter.writeError(resp, refused.get(), received);
                return;
            }
            RouteTable.Resolution resolution = routes.table().resolve(method, path);
            if (resolution instanceof RouteTable.NotFound) {
                EnvelopeWriter.writeError(resp, ErrorReply.notFound(req.getRequestURI()), received);
            } else if (resolution instanceof RouteTable.MethodNotAllowed notAllowed) {
                resp.setHeader("Allow", String.join(", ", notAllowed.allowed()));
                EnvelopeWriter.writeError(resp, ErrorReply.methodNotAllowed(method), received);
            } else if (resolution instanceof RouteTable.Found found) {
                serve(found, req, resp, path, received, what);
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            EnvelopeWriter.writeFailure(resp, t, received, what);
        }
    }

    private void serve(RouteTable.Found found, HttpServletRequest req, HttpServletResponse resp, String path,
            EnvelopeWriter.Received received, String what) throws IOException {
        Route route = found.route();
        Object result;
        try (ServletRestRequest request = new ServletRestRequest(req, path, found.params(), options.maxBodyBytes())) {
            try {
                if (route.access() == org.megbox.rest.Access.WRITE) {
                    request.preload();
                }
                result = gate.call(route.access(), () -> route.handler().handle(request));
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                EnvelopeWriter.writeFailure(resp, t, received, what);
                return;
            }
            EnvelopeWriter.writeResult(resp, result, received, what);
        }
    }

    private static long serviceId(ServiceReference<?> ref) {
        Object id = ref.getProperty(Constants.SERVICE_ID);
        return id instanceof Long l ? l : Long.MAX_VALUE;
    }

    private static String describe(ServiceReference<?> ref, Object endpoint) {
        String bundle = ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
        String type = endpoint.getClass().getName();
        int lambda = type.indexOf("$$Lambda");
        if (lambda > 0) {
            type = type.substring(0, lambda) + " (lambda)";
        }
        return type + " of " + bundle + " [service.id=" + ref.getProperty(Constants.SERVICE_ID) + "]";
    }
}
