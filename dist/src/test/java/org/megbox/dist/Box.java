package org.megbox.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real box for black-box tests: runs {@code target/megbox/bin/megbox} as a child process on a free
 * loopback port with its own data folder, and talks HTTP to it.
 *
 * <pre>{@code
 * try (Box box = Box.create()) {
 *     box.start();
 *     Reply r = box.post("/v1/MEGBOX/configs/getConfigs", "{}");
 *     ...
 * }
 * }</pre>
 *
 * Ready means: the launcher printed {@value #STARTED_LINE} (all start-level bundles started) and the
 * probe path answers as expected.
 *
 * The work folder (a temporary directory unless given) holds {@code data/} (the box's data folder)
 * and {@code box.log} (stdout + stderr of every start, appended). The distribution folder is the
 * system property {@code megbox.dist} (failsafe sets it), else {@code target/megbox}.
 */
public final class Box implements AutoCloseable {

    /** Readiness probe default: the REST bundle answers JSON here once the API is up. */
    public static final String DEFAULT_READY_PATH = "/v1/MEGBOX/configs";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dist;
    private final Path workDir;
    private final Path dataDir;
    private final Path log;
    private final HttpClient http;
    private final List<String> extraArgs = new ArrayList<>();
    /** Overridable with -Dmegbox.ready.path; -Dmegbox.ready.any=true accepts any HTTP answer (debugging). */
    private String readyPath = System.getProperty("megbox.ready.path", DEFAULT_READY_PATH);
    private Predicate<Reply> ready = Boolean.getBoolean("megbox.ready.any") ? r -> true : Reply::isJson;
    private String javaOpts;
    private int port;
    private Process process;
    private long logOffset;

    private Box(Path dist, Path workDir) {
        this.dist = dist.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.dataDir = this.workDir.resolve("data");
        this.log = this.workDir.resolve("box.log");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A box in a fresh temporary work folder. */
    public static Box create() {
        try {
            return create(Files.createTempDirectory("megbox-it-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A box whose work folder is {@code workDir} (e.g. a JUnit {@code @TempDir}). */
    public static Box create(Path workDir) {
        return new Box(locateDist(), workDir);
    }

    static Path locateDist() {
        String prop = System.getProperty("megbox.dist");
        Path dist = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("target", "megbox");
        if (!Files.isExecutable(dist.resolve("bin/megbox"))) {
            throw new IllegalStateException("no distribution at " + dist.toAbsolutePath()
                    + " (run mvn package first)");
        }
        return dist;
    }

    /** Readiness: poll {@code path} until {@code when} accepts the reply. Default: JSON at /v1/MEGBOX/configs. */
    public Box readyWhen(String path, Predicate<Reply> when) {
        this.readyPath = Objects.requireNonNull(path);
        this.ready = Objects.requireNonNull(when);
        return this;
    }

    /** Extra command-line arguments for bin/megbox (after --port/--data/--host). */
    public Box args(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** MEGBOX_JAVA_OPTS for the child process. */
    public Box javaOpts(String opts) {
        this.javaOpts = opts;
        return this;
    }

    /** Starts the box and waits until it is ready; a second start() on a running box is an error. */
    public Box start() {
        if (isRunning()) {
            throw new IllegalStateException("box already running on port " + port);
        }
        try {
            Files.createDirectories(workDir);
            if (port == 0) {
                port = freePort();
            }
            List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/megbox").toString(),
                    "--port", Integer.toString(port), "--data", dataDir.toString(), "--host", "127.0.0.1"));
            cmd.addAll(extraArgs);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> List.of("MEGBOX_PORT", "MEGBOX_DATA", "MEGBOX_HOST").contains(k));
            if (javaOpts != null) {
                pb.environment().put("MEGBOX_JAVA_OPTS", javaOpts);
            }
            Files.writeString(log, "---- start " + String.join(" ", cmd) + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            logOffset = Files.size(log);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        return this;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Reply last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("box exited with " + process.exitValue()
                        + " before it was ready; log:\n" + logTail());
            }
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url(readyPath)))
                        .timeout(Duration.ofSeconds(2)).GET().build();
                last = toReply(http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
                // ready = the probe is answered AND the launcher finished starting the framework
                if (ready.test(last) && startedLinePrinted()) {
                    return;
                }
            } catch (IOException e) {
                lastError = e; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new IllegalStateException("box not ready within " + START_TIMEOUT.toSeconds() + " s at "
                + readyPath + " (last reply " + last + ", last error " + lastError + "); log:\n" + logTail());
    }

    /** The launcher prints {@value #STARTED_LINE} once every start-level bundle has been started. */
    public static final String STARTED_LINE = "MegBox listening on ";

    private boolean startedLinePrinted() {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            if (len <= logOffset) {
                return false;
            }
            byte[] tail = new byte[(int) Math.min(len - logOffset, 4_000_000)];
            f.seek(len - tail.length);
            f.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).contains(STARTED_LINE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * SIGTERM, then wait up to {@link #STOP_TIMEOUT}.
     *
     * @return the exit code
     * @throws IllegalStateException when it did not exit in time (it is then killed)
     */
    public int stop() {
        return stop(STOP_TIMEOUT);
    }

    public int stop(Duration timeout) {
        Process p = requireProcess();
        p.destroy(); // SIGTERM on Linux; bin/megbox exec's java, so java receives it
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("box did not exit within " + timeout + " after SIGTERM; log:\n"
                        + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return p.exitValue();
    }

    /** SIGKILL: the box gets no chance to clean up. */
    public void kill9() {
        Process p = requireProcess();
        try {
            p.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** stop() then start() on the same port and data folder; returns the stop's exit code. */
    public int restart() {
        int code = stop();
        start();
        return code;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public long pid() {
        return requireProcess().pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path workDir() {
        return workDir;
    }

    public Path distDir() {
        return dist;
    }

    /** The box's output so far (all starts). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logFile() {
        return log;
    }

    /**
     * Polls {@code condition} every {@code pollMillis} until it holds; past {@code limit} fails naming {@code what},
     * what {@code state} tells of the test's side (nothing when empty) and the last 6000 characters of the box's log.
     */
    public void await(String what, Duration limit, long pollMillis, Supplier<String> state, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                String all = log();
                String told = state.get();
                throw new AssertionError(what + " not within " + limit + (told.isEmpty() ? "" : "; " + told)
                        + "\nlog:\n" + all.substring(Math.max(0, all.length() - 6000)));
            }
            Thread.sleep(pollMillis);
        }
    }

    private String logTail() {
        String all = log();
        return all.length() <= 8000 ? all : "…" + all.substring(all.length() - 8000);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path);
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A multipart/form-data POST; see {@link Part}. */
    public Reply postMultipart(String path, Part... parts) {
        String boundary = "megbox-" + UUID.randomUUID();
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Part.encode(boundary, parts))));
    }

    /** Sends any request (timeout 30 s unless the builder sets one). */
    public Reply send(HttpRequest.Builder request) {
        try {
            HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
            return toReply(http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient httpClient() {
        return http;
    }

    private static Reply toReply(HttpResponse<String> r) {
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private Process requireProcess() {
        if (process == null) {
            throw new IllegalStateException("box not started");
        }
        return process;
    }

    /** Stops a running box (SIGTERM, then SIGKILL if it does not exit). The work folder stays. */
    @Override
    public void close() {
        if (isRunning()) {
            try {
                stop();
            } catch (RuntimeException e) {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One part of a multipart/form-data body: a text field or a file. */
    public record Part(String name, String filename, String contentType, byte[] content) {

        public static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String filename, String contentType, byte[] content) {
            return new Part(name, filename, contentType, content);
        }

        public static Part file(String name, Path file, String contentType) {
            try {
                return file(name, file.getFileName().toString(), contentType, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static byte[] encode(String boundary, Part... parts) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (Part p : parts) {
                StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"").append(p.name).append('"');
                if (p.filename != null) {
                    h.append("; filename=\"").append(p.filename).append('"');
                }
                h.append("\r\n");
                if (p.contentType != null) {
                    h.append("Content-Type: ").append(p.contentType).append("\r\n");
                }
                h.append("\r\n");
                out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(p.content);
                out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }
}
