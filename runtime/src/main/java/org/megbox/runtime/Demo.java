package org.megbox.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The newcomer's demo ({@code -Dmegbox.demo=true}, set by the source checkout's {@code ./megbox} unless
 * {@code --no-demo}; never by {@code bin/megbox} itself, so tests and installed boxes get no demo): once per data
 * folder, after the box is up, it adds channel 1 playing Debian's {@code vtest.avi} (package opencv-doc; a local
 * file, looped by the ingest) and an intrusion rule over the plaza's walkway, through the box's own REST API — so
 * alerts appear at once ({@code GET /v1/MEGBOX/alerts}). Without the clip the box starts as usual and one line says
 * how to get it. Runs on its own thread; never blocks or fails the start.
 */
final class Demo {

    static final String PROPERTY = "megbox.demo";
    static final Path CLIP = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    /** Written once the demo was added (or channel 1 was found taken): the demo is offered once per data folder. */
    static final String MARKER = "demo/.seeded";

    static final String RULE = """
            {"surveillanceEnabled": true, "ruleIndex": 1, "ruleEnable": true, "algType": 14,
             "alertRules": {"proc": "init_rules", "customizedOptions": {
               "area_list": [{"area_type": "polygon", "area_id": 1, "alertor_ids": [1],
                 "points": [{"x": 0.05, "y": 0.45}, {"x": 0.95, "y": 0.45}, {"x": 0.95, "y": 0.98}, {"x": 0.05, "y": 0.98}]}],
               "alertor_configs": [{"alertor_id": 1, "alertor_type": ["intrusion"], "target_type": ["person"],
                 "target_min": 0, "target_max": 1, "duration": 1, "cooldown_duration": 3, "timeRange": [0, 86400]}]}}}
            """;

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d+)");

    private Demo() {
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Adds the demo on a background thread when requested and not yet done for this data folder. */
    static void seedInBackground(BoxOptions options) {
        if (!requested() || Files.exists(options.dataDir().resolve(MARKER))) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                seed(options);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | IOException e) {
                Log.warn("demo: not added: " + e);
            }
        }, "megbox-demo");
        t.setDaemon(true);
        t.start();
    }

    /** The clip to play: Debian's file, or its .gz unpacked once into DATA/demo/; null when neither exists. */
    static Path clip(Path dataDir, Path debian) throws IOException {
        if (Files.isReadable(debian)) {
            return debian.toAbsolutePath();
        }
        Path gz = Path.of(debian + ".gz");
        if (!Files.isReadable(gz)) {
            return null;
        }
        Path out = dataDir.resolve("demo").resolve(debian.getFileName()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(out)) {
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling(out.getFileName() + ".part");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    static void seed(BoxOptions options) throws IOException, InterruptedException {
        Path clip = clip(options.dataDir(), CLIP);
        if (clip == null) {
            Log.info("demo: " + CLIP + " not found - install it (apt-get install opencv-doc) and restart to get a demo"
                    + " channel with an intrusion rule; the box runs without it");
            return;
        }
        String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + options.port() + "/v1/MEGBOX";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String channel = "{\"videoNo\": 1, \"videoName\": \"demo_vtest\", \"url\": \"" + clip.toString()
                .replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"rotation\": 0}";
        int code = post(http, base + "/videos", channel);
        if (code == 104011) { // VIDEO_CH_EXIST: the user's own channel 1 stays untouched
            Log.info("demo: channel 1 already exists; no demo added");
            mark(options);
            return;
        }
        if (code != 0) {
            Log.warn("demo: POST /videos answered code " + code + "; no demo added");
            return;
        }
        code = post(http, base + "/multiAlgVideos/1/multiAlert", RULE);
        if (code != 0) {
            Log.warn("demo: the intrusion rule was refused with code " + code + " (channel 1 plays " + clip + ")");
        } else {
            Log.info("demo: channel 1 plays " + clip + " in a loop with a person-intrusion rule; alerts: GET " + base
                    + "/alerts (./megbox --no-demo on a fresh data folder to start without it)");
        }
        mark(options);
    }

    private static void mark(BoxOptions options) throws IOException {
        Path marker = options.dataDir().resolve(MARKER);
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "demo offered" + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    /** POSTs JSON, retrying while the API is not serving yet (bundles still starting); the envelope's code. */
    private static int post(HttpClient http, String url, String json) throws IOException, InterruptedException {
        IOException last = null;
        int code = -1;
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Matcher m = CODE.matcher(r.body());
                code = m.find() ? Integer.parseInt(m.group(1)) : -1;
                if (r.statusCode() != 404 && r.statusCode() != 503 && code != -1) {
                    return code;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(1000);
        }
        if (last != null && code == -1) {
            throw last;
        }
        return code;
    }
}
