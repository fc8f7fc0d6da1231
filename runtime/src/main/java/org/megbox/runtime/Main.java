package org.megbox.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
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

    private static long jvmStartMillis() {
        return ProcessHandle.current().info().startInstant()
                .map(Instant::toEpochMilli)
                .orElseGet(System::currentTimeMillis);
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
