package org.megbox.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code megbox [--port N] [--data DIR] [--host H]}: starts the box in the foreground.
 *
 * <p>SIGTERM or SIGINT stop the framework cleanly and the process exits 0. The distribution folder
 * (holding {@code lib/ bundles/ warehouses/}) is {@code -Dmegbox.home}, else the parent of the
 * folder this jar sits in.
 */
public final class Main {

    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    /** Held strongly: JUL forgets the level of a logger nobody references. */
    private static java.util.logging.Logger spiflyLogger;

    private Main() {
    }

    public static void main(String[] args) {
        long jvmStart = jvmStartMillis();
        BoxOptions options;
        try {
            options = BoxOptions.parse(args);
        } catch (BoxOptions.HelpRequested e) {
            System.out.println(BoxOptions.USAGE);
            System.exit(0);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("megbox: " + e.getMessage());
            System.err.println(BoxOptions.USAGE);
            System.exit(2);
            return;
        }

        // slf4j-simple (inside the framework) reads these; keep Jetty's start-up chatter down
        defaultSystemProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultSystemProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        defaultSystemProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        // JUL (SPI-Fly logs through it): one line per record, and no INFO chatter per provider
        defaultSystemProperty("java.util.logging.SimpleFormatter.format",
                "%1$tH:%1$tM:%1$tS.%1$tL %4$s [%3$s] %5$s%6$s%n");
        if (System.getProperty("java.util.logging.config.file") == null) {
            spiflyLogger = java.util.logging.Logger.getLogger("org.apache.aries.spifly");
            spiflyLogger.setLevel(Log.DEBUG ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        }

        FelixLauncher launcher = new FelixLauncher(options, home());
        installSignalHandlers(launcher);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "megbox-shutdown"));

        int code;
        try {
            code = launcher.run(jvmStart);
        } catch (Exception e) {
            if (STOPPING.get()) {
                code = 0;
            } else {
                Log.error("start failed", e);
                launcher.stop();
                code = 1;
            }
        }
        if (STOPPING.get()) {
            Log.info("stopped");
        }
        System.exit(code);
    }

    /** SIGTERM/SIGINT: stop the framework on a separate thread; run() then returns and we exit 0. */
    private static void installSignalHandlers(FelixLauncher launcher) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    if (STOPPING.compareAndSet(false, true)) {
                        Thread t = new Thread(() -> {
                            if (!launcher.stop()) {
                                Runtime.getRuntime().halt(1);
                            }
                        }, "megbox-stop");
                        t.start();
                    }
                });
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                Log.debug("no handler for SIG" + name + ": " + e); // the shutdown hook still stops
            }
        }
    }

    /**
     * When the process started, in epoch millis: {@code -Dmegbox.launch.epoch=<seconds.micros>}
     * (bin/megbox passes bash's EPOCHREALTIME), else the JVM's own start time.
     */
    static long jvmStartMillis() {
        String launch = System.getProperty("megbox.launch.epoch");
        if (launch != null && !launch.isBlank()) {
            try {
                return new java.math.BigDecimal(launch.trim().replace(',', '.'))
                        .movePointRight(3).longValue();
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    static Path home() {
        String prop = System.getProperty("megbox.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            CodeSource cs = Main.class.getProtectionDomain().getCodeSource();
            if (cs != null) {
                Path jar = Path.of(cs.getLocation().toURI());
                // .../megbox/lib/org.megbox.runtime-x.jar -> .../megbox
                if (Files.isRegularFile(jar) && jar.getParent() != null && jar.getParent().getParent() != null) {
                    return jar.getParent().getParent();
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            Log.debug("cannot locate the distribution from the class path: " + e);
        }
        return Path.of("").toAbsolutePath();
    }

    private static void defaultSystemProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
