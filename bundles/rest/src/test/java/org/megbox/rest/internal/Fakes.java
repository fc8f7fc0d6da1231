package org.megbox.rest.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-rolled servlet fakes: a wrapper around a proxy that throws for every method a test did not
 * expect, so a servlet touching anything unforeseen fails loudly instead of reading a default.
 */
final class Fakes {

    private Fakes() {
    }

    @SuppressWarnings("unchecked")
    static <T> T unexpected(Class<T> type) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            throw new UnsupportedOperationException("fake " + type.getSimpleName() + "." + m.getName());
        });
    }

    static final class Request extends HttpServletRequestWrapper {
        final String method;
        final String servletPath;
        final String pathInfo;
        String query;
        String contentType;
        byte[] body = new byte[0];
        long declaredLength = -2; // -2: the body's length
        List<Part> parts;
        IOException partsFailure;
        boolean bodyRead;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final Map<String, Object> attributes = new HashMap<>();

        /** A request to {@code /v1/MEGBOX<pathInfo>} (pathInfo may carry {@code ?query}). */
        static Request api(String method, String pathInfo) {
            return new Request(method, "/v1/MEGBOX", pathInfo);
        }

        Request(String method, String servletPath, String pathInfo) {
            super(unexpected(HttpServletRequest.class));
            this.method = method;
            this.servletPath = servletPath;
            String p = pathInfo;
            if (p != null && p.contains("?")) {
                this.query = p.substring(p.indexOf('?') + 1);
                p = p.substring(0, p.indexOf('?'));
            }
            this.pathInfo = p;
        }

        Request json(String json) {
            this.contentType = "application/json";
            this.body = json.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Request multipart(Part... parts) {
            this.contentType = "multipart/form-data; boundary=xyz";
            this.parts = new ArrayList<>(List.of(parts));
            return this;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public String getPathInfo() {
            return pathInfo;
        }

        @Override
        public String getRequestURI() {
            return servletPath + (pathInfo == null ? "" : pathInfo);
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public long getContentLengthLong() {
            return declaredLength == -2 ? body.length : declaredLength;
        }

        @Override
        public int getContentLength() {
            return (int) getContentLengthLong();
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            if (parts != null) {
                throw new IllegalStateException("a multipart body is read by the container");
            }
            bodyRead = true;
            return new InputStreamOf(new ByteArrayInputStream(body));
        }

        @Override
        public Collection<Part> getParts() throws IOException {
            if (partsFailure != null) {
                throw partsFailure;
            }
            if (parts == null) {
                throw new IllegalStateException("not multipart");
            }
            return parts;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object o) {
            attributes.put(name, o);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }
    }

    static final class Response extends HttpServletResponseWrapper {
        int status = 200;
        String contentType;
        long contentLength = -1;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean committed;

        Response() {
            super(unexpected(HttpServletResponse.class));
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setContentType(String type) {
            contentType = type;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public void setContentLengthLong(long len) {
            contentLength = len;
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public boolean isCommitted() {
            return committed;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    committed = true;
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    committed = true;
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener writeListener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    static final class InputStreamOf extends ServletInputStream {
        private final InputStream in;
        private boolean finished;

        InputStreamOf(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            throw new UnsupportedOperationException();
        }
    }

    /** A multipart part; {@code fileName} null for a plain form field. */
    static final class FakePart implements Part {
        final String name;
        final String fileName;
        final String contentType;
        final byte[] content;
        boolean deleted;

        FakePart(String name, String fileName, String contentType, byte[] content) {
            this.name = name;
            this.fileName = fileName;
            this.contentType = contentType;
            this.content = content;
        }

        static FakePart field(String name, String value) {
            return new FakePart(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }

        static FakePart file(String name, String fileName, byte[] content) {
            return new FakePart(name, fileName, "image/jpeg", content);
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getSubmittedFileName() {
            return fileName;
        }

        @Override
        public long getSize() {
            return content.length;
        }

        @Override
        public void write(String fileName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete() {
            deleted = true;
        }

        @Override
        public String getHeader(String name) {
            return null;
        }

        @Override
        public Collection<String> getHeaders(String name) {
            return List.of();
        }

        @Override
        public Collection<String> getHeaderNames() {
            return List.of();
        }
    }
}
