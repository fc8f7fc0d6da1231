package org.megbox.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Schema;
import org.megbox.rest.UploadedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RestRequest} over a servlet request. The body is read at most once and at most
 * {@code maxBodyBytes} long; the query string is parsed here rather than through
 * {@code getParameter}, which would consume a form or multipart body. Multipart parts are parsed by the
 * container (Felix's multipart support) and their bytes read only when a handler asks for them.
 * Not thread-safe: one request, one thread.
 */
final class ServletRestRequest implements RestRequest, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServletRestRequest.class);
    private static final String BODY = "body";

    private final HttpServletRequest request;
    private final String path;
    private final Map<String, String> params;
    private final long maxBodyBytes;

    private Map<String, List<String>> query;
    private byte[] body;
    private JsonNode json;
    private List<Part> parts;
    private RuntimeException partsFailure;

    ServletRestRequest(HttpServletRequest request, String path, Map<String, String> params, long maxBodyBytes) {
        this.request = request;
        this.path = path;
        this.params = params;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String method() {
        return request.getMethod().toUpperCase(Locale.ROOT);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route of " + path + " has no path parameter " + name);
        }
        return value;
    }

    @Override
    public int pathInt(String name) {
        String value = pathParam(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.illegal(name);
        }
    }

    @Override
    public Optional<String> query(String name) {
        List<String> values = query().get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public JsonNode json() {
        if (json == null) {
            byte[] bytes = body();
            JsonNode node;
            try {
                node = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new ApiException(ErrorCode.ILLEGAL_JSON_BODY);
            }
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new ApiException(ErrorCode.ILLEGAL_JSON_BODY);
            }
            json = node;
        }
        return json;
    }

    @Override
    public JsonNode json(Schema schema) {
        JsonNode node = json();
        schema.validate(node);
        return node;
    }

    @Override
    public Optional<String> formField(String name) {
        List<String> all = formFields(name, true);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public List<String> formFields(String name) {
        return formFields(name, false);
    }

    @Override
    public Optional<UploadedFile> file(String name) {
        List<UploadedFile> all = files(name, true);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public List<UploadedFile> files(String name) {
        return files(name, false);
    }

    private List<String> formFields(String name, boolean firstOnly) {
        if (!isMultipart()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Part part : parts(name)) {
            if (part.getName().equals(name)) {
                out.add(new String(read(part, name), charset(part.getContentType())));
                if (firstOnly) {
                    break;
                }
            }
        }
        return out;
    }

    private List<UploadedFile> files(String name, boolean firstOnly) {
        if (!isMultipart()) {
            throw ApiException.missing(name);
        }
        List<UploadedFile> out = new ArrayList<>();
        for (Part part : parts(name)) {
            if (part.getName().equals(name)) {
                out.add(new UploadedFile(name, part.getSubmittedFileName(), part.getContentType(), read(part, name)));
                if (firstOnly) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Reads what the handler may need before it gets its turn in the write gate, so a slow upload never
     * holds the gate: the parts of a multipart request (their failure is kept and reported when a part is
     * asked for), else the body (whose failure is reported now).
     */
    void preload() {
        if (isMultipart()) {
            try {
                parts(BODY);
            } catch (ApiException e) {
                // remembered in partsFailure, reported naming the part the handler asks for
            }
        } else {
            body();
        }
    }

    /** Deletes the temporary files of uploaded parts. */
    @Override
    public void close() {
        if (parts == null) {
            return;
        }
        for (Part part : parts) {
            try {
                part.delete();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not delete an uploaded part", e);
            }
        }
    }

    boolean isMultipart() {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private List<Part> parts(String asking) {
        if (parts == null && partsFailure == null) {
            try {
                Collection<Part> all = request.getParts();
                parts = all == null ? List.of() : List.copyOf(all);
            } catch (IOException | ServletException | RuntimeException e) {
                // size limits, a broken multipart body, multipart not enabled
                LOG.debug("Multipart body of {} {} refused", request.getMethod(), path, e);
                partsFailure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
        }
        if (partsFailure != null) {
            throw ApiException.illegal(asking);
        }
        return parts;
    }

    private static byte[] read(Part part, String name) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ApiException.illegal(name);
        }
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String piece : contentType.split(";")) {
                String p = piece.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).trim().replace("\"", ""));
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The raw body, at most {@code maxBodyBytes}; 104001 {@code body} when longer or unreadable. */
    byte[] body() {
        if (body == null) {
            long declared = request.getContentLengthLong();
            if (declared > maxBodyBytes) {
                throw ApiException.illegal(BODY);
            }
            try (InputStream in = request.getInputStream()) {
                body = readCapped(in, maxBodyBytes);
            } catch (IOException e) {
                LOG.debug("Body of {} {} unreadable", request.getMethod(), path, e);
                throw ApiException.illegal(BODY);
            }
        }
        return body;
    }

    private static byte[] readCapped(InputStream in, long max) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                throw ApiException.illegal(BODY);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private Map<String, List<String>> query() {
        if (query == null) {
            query = parseQuery(request.getQueryString());
        }
        return query;
    }

    /** {@code a=1&b=&c&a=2} → {a=[1,2], b=[""], c=[""]}; a malformed escape gets 104001 naming its parameter. */
    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String name = decode(rawName, rawName);
            String value = decode(rawValue, name);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s, String nameForError) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.illegal(nameForError);
        }
    }
}
