package org.megbox.mqtt.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Debian mosquitto on 127.0.0.1 for one test, anonymous, nothing kept on disk. */
final class Mosquitto implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    final int port;
    private final Process process;

    /** Why there is no broker to test against, or null. */
    static String unavailableReason() {
        return Files.isExecutable(BINARY) ? null : BINARY + " missing (apt-get install mosquitto)";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Mosquitto(Path dir, int port) throws IOException, InterruptedException {
        this.port = port;
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    process.destroyForcibly();
                    throw new IOException("mosquitto did not start on port " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
