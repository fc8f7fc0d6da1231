package org.megbox.rest.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.megbox.rest.ErrorCode;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;

/**
 * The error page of the default context: whenever the container or a servlet calls {@code sendError} or
 * lets an exception escape, the client still gets the envelope instead of an HTML page. The HTTP status
 * stays what the container chose; the code is the closest one of §23.5.
 *
 * <p>Requests Jetty itself rejects before any context sees them (a malformed request line, an
 * ambiguous URI, headers too large) are answered by Jetty's server-level error handler, which a bundle
 * cannot replace; those are the only non-envelope answers left.
 */
@Component(service = Servlet.class, property = Constants.SERVICE_RANKING + ":Integer=-2147483648")
@HttpWhiteboardContextSelect("(" + DispatcherServlet.CONTEXT_NAME_PROP + "=default)")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx", "java.lang.Throwable"})
@HttpWhiteboardServletName("megbox-error-page")
public final class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ERROR_METHOD = "jakarta.servlet.error.method";

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object received = req.getAttribute(DispatcherServlet.RECEIVED_ATTR);
        EnvelopeWriter.Received at = received instanceof EnvelopeWriter.Received r ? r : EnvelopeWriter.Received.now();
        EnvelopeWriter.writeError(resp, reply(req), at);
    }

    static ErrorReply reply(HttpServletRequest req) {
        Object statusAttr = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttr instanceof Integer i ? i : 500;
        Object exception = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable t) {
            // the container logged it already; business errors keep their code
            org.megbox.rest.ApiException api = ErrorReply.apiException(t);
            if (api != null) {
                return ErrorReply.of(api);
            }
            return ErrorReply.INTERNAL;
        }
        Object uriAttr = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = uriAttr instanceof String s ? s : req.getRequestURI();
        return forStatus(status, uri, req.getAttribute(ERROR_METHOD));
    }

    static ErrorReply forStatus(int status, String uri, Object method) {
        return switch (status) {
            case 404 -> ErrorReply.notFound(uri);
            case 405 -> ErrorReply.methodNotAllowed(method instanceof String m ? m : "");
            case 401, 403 -> new ErrorReply(status, ErrorCode.NO_ACCESS.code(), ErrorCode.NO_ACCESS.message());
            case 408 -> new ErrorReply(status, ErrorCode.REQUEST_TIMEOUT.code(), ErrorCode.REQUEST_TIMEOUT.message());
            default -> status >= 400 && status < 500
                    ? new ErrorReply(status, ErrorCode.ILLEGAL_ARGUMENT.code(),
                            ErrorCode.ILLEGAL_ARGUMENT.message() + (status == 413 || status == 411 ? ":body" : ""))
                    : new ErrorReply(status >= 500 && status < 600 ? status : 500, ErrorCode.INTERNAL_ERROR.code(),
                            ErrorCode.INTERNAL_ERROR.message());
        };
    }
}
