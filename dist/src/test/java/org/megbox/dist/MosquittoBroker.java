package org.megbox.dist;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian mosquitto ({@code /usr/sbin/mosquitto}, installed by .ci/run) on 127.0.0.1, anonymous. Its
 * persistence file lives in the test's folder, so a subscriber's session (cleanSession false) and the QoS 1
 * messages queued for it survive a {@link #stop()} / {@link #start()} of the broker.
 */
final class MosquittoBroker implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    final int port;
    private final Path dir;
    private Process process;

    /** Why there is no broker to test against, or null. */
    static String unavailableReason() {
        return Files.isExecutable(BINARY) ? null : BINARY + " missing (apt-get install mosquitto)";
    }

    MosquittoBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    MosquittoBroker start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence true\n"
                + "persistence_location " + dir + "/\n");
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    process.destroyForcibly();
                    throw new IOException("mosquitto did not start on port " + port + ": "
                            + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** SIGTERM: mosquitto saves its sessions and queued messages, then exits. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
