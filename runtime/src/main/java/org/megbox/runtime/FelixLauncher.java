package org.megbox.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Embeds Apache Felix: framework properties, data folder, core bundle deployment, start, stop.
 */
final class FelixLauncher {

    /** Framework property: absolute data folder, read by bundles through BundleContext.getProperty. */
    static final String PROP_DATA = "megbox.data";
    /** Framework property: absolute warehouse drop folder, {@code DATA/deploy}. */
    static final String PROP_DEPLOY = "megbox.deploy";
    /** Framework property: the distribution folder (holds bin/ lib/ bundles/ warehouses/). */
    static final String PROP_HOME = "megbox.home";
    static final String PROP_HTTP_PORT = "org.osgi.service.http.port";
    static final String PROP_HTTP_HOST = "org.apache.felix.http.host";

    private static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final long HTTP_WAIT_MILLIS = Long.getLong("megbox.http.wait.millis", 30_000);
    private static final long STOP_WAIT_MILLIS = 25_000;

    private final BoxOptions options;
    private final Path home;
    private final Map<Long, String> bundleErrors = new ConcurrentHashMap<>();
    private volatile Framework framework;
    /** Held for the life of the process: the data folder lock. */
    @SuppressWarnings("unused")
    private java.nio.channels.FileChannel dataLock;
    private volatile boolean stopRequested;
    private volatile boolean startupReported;
    /** Start-up waits on these; stop() releases them so a SIGTERM during start-up is not delayed. */
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch httpUp = new CountDownLatch(1);

    FelixLauncher(BoxOptions options, Path home) {
        this.options = options;
        this.home = home.toAbsolutePath().normalize();
    }

    Path bundlesDir() {
        return home.resolve("bundles");
    }

    Path warehousesDir() {
        return home.resolve("warehouses");
    }

    /**
     * The framework configuration. Defaults may be overridden by a JVM system property of the same
     * name ({@code -Dfelix.log.level=4}); the values derived from the options may not.
     */
    static Map<String, String> frameworkProperties(BoxOptions options, Path home, int beginningLevel) {
        Map<String, String> p = new LinkedHashMap<>();
        // overridable defaults
        p.put("felix.log.level", "1");
        p.put("gosh.args", "--nointeractive");
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        // Jetty's default (DEFAULT compliance) rejects ambiguous paths such as /v1/MEGBOX/%2e%2e/x with an
        // HTML 400 before any servlet sees them; LEGACY lets them reach the REST dispatcher, which answers
        // JSON. The box serves no files, so there is nothing to traverse to.
        p.put("org.eclipse.jetty.UriComplianceMode", "LEGACY");
        // WebSocket in Felix HTTP's Jetty (bundles/2 ships the ee10 modules of Jetty's own WebSocket API): it
        // serves /v1/MEGBOX/ws (org.megbox.wsserver). Jakarta WebSocket stays off: no bundle uses it, and its
        // jars and SPI-Fly weaving cost start-up time (docs/benchmarks.md).
        p.put("org.apache.felix.jetty.websocket.enable", "true");
        // (any such property can be given as -D in MEGBOX_JAVA_OPTS: bundles see system properties too.)
        for (String key : List.copyOf(p.keySet())) {
            String sys = System.getProperty(key);
            if (sys != null) {
                p.put(key, sys);
            }
        }
        // derived from the options: not overridable
        p.put(Constants.FRAMEWORK_STORAGE, options.felixDir().toString());
        // keep the bundle cache across restarts: installed bundles must survive
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(beginningLevel));
        // bundles installed by others (warehouses from deploy/) start after the core
        p.put("felix.startlevel.bundle", Integer.toString(beginningLevel));
        p.put(PROP_HTTP_PORT, Integer.toString(options.port()));
        p.put(PROP_HTTP_HOST, options.host());
        p.put(PROP_DATA, options.dataDir().toString());
        p.put(PROP_DEPLOY, options.deployDir().toString());
        p.put(PROP_HOME, home.toString());
        return p;
    }

    /**
     * Starts the box and blocks until the framework stops.
     *
     * @param jvmStartMillis epoch millis of the JVM start, for the startup timing line
     * @return the process exit code
     */
    int run(long jvmStartMillis) throws Exception {
        Log.debug("launcher entered after " + (System.currentTimeMillis() - jvmStartMillis) + " ms");
        dataLock = DataFolder.lock(options.dataDir());
        checkPortFree();
        List<Path> seeded = DataFolder.prepare(options, warehousesDir());
        if (!seeded.isEmpty()) {
            Log.info("first start of " + options.dataDir() + ": seeded " + seeded.size() + " warehouse(s) into "
                    + options.deployDir());
        }

        int beginning = Math.max(3, BundleDeployer.highestLevel(bundlesDir())) + 1;
        Map<String, String> props = frameworkProperties(options, home, beginning);
        Log.debug("framework properties " + props);

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FelixLauncher.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi FrameworkFactory on the class path"));
        Framework fw = factory.newFramework(props);
        fw.init();
        framework = fw;
        Log.debug("framework initialised after " + (System.currentTimeMillis() - jvmStartMillis) + " ms");
        if (stopRequested) {
            return 0;
        }
        BundleContext ctx = fw.getBundleContext();
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            } else if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
                String msg = reason(event.getThrowable());
                bundleErrors.put(event.getBundle().getBundleId(), msg);
                // during start-up reportProblems() prints one line per bundle; later errors go out now
                if (startupReported) {
                    Log.warn("bundle " + BundleDeployer.describe(event.getBundle()) + ": " + msg);
                } else {
                    Log.debug("bundle " + BundleDeployer.describe(event.getBundle()) + ": " + msg);
                }
            }
        };
        ctx.addFrameworkListener(listener);
        if (Log.DEBUG) {
            ctx.addBundleListener(event -> {
                if (event.getType() == org.osgi.framework.BundleEvent.STARTED) {
                    Log.debug("started " + BundleDeployer.describe(event.getBundle()) + " after "
                            + (System.currentTimeMillis() - jvmStartMillis) + " ms");
                }
            });
        }
        ServiceListener httpListener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                httpUp.countDown();
            }
        };
        ctx.addServiceListener(httpListener, "(" + Constants.OBJECTCLASS + "=" + HTTP_RUNTIME + ")");

        BundleDeployer deployer = new BundleDeployer(ctx, bundlesDir(), options.deployDir(),
                options.felixDir().resolve(BundleDeployer.STATE_FILE));
        BundleDeployer.Result result = deployer.deploy();
        Log.info("core bundles from " + bundlesDir() + ": " + result);
        Log.debug("bundles deployed after " + (System.currentTimeMillis() - jvmStartMillis) + " ms");

        fw.start();
        started.await(60, TimeUnit.SECONDS);
        long frameworkMillis = System.currentTimeMillis() - jvmStartMillis;
        if (stopRequested) {
            return awaitStop();
        }
        reportProblems(ctx);
        startupReported = true;
        Thread hashing = new Thread(() -> {
            try {
                deployer.completeHashes();
            } catch (IOException | RuntimeException e) {
                Log.warn("cannot record bundle hashes: " + e.getMessage());
            }
        }, "megbox-bundle-hashes");
        hashing.setDaemon(true);
        hashing.setPriority(Thread.MIN_PRIORITY);
        hashing.start();

        boolean http = httpUp.getCount() == 0 || httpRuntimePresent(ctx)
                || httpUp.await(HTTP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (stopRequested) {
            return awaitStop();
        }
        long readyMillis = System.currentTimeMillis() - jvmStartMillis;
        safely(() -> ctx.removeServiceListener(httpListener));
        if (!http) {
            Log.warn("the HTTP server did not come up within " + HTTP_WAIT_MILLIS + " ms");
        }
        // the timing line first: "listening" is the readiness signal, so everything before it is in the log
        Log.info("megbox.startup.millis=" + readyMillis + " (framework started after " + frameworkMillis
                + " ms, bundles " + (ctx.getBundles().length - 1) + ")");
        System.out.println("MegBox listening on http://" + options.host() + ":" + options.port()
                + " (data " + options.dataDir() + ")");
        Demo.seedInBackground(options);
        return awaitStop();
    }

    private int awaitStop() throws InterruptedException {
        Framework fw = framework;
        FrameworkEvent event = fw.waitForStop(0);
        if (event.getType() == FrameworkEvent.ERROR) {
            Log.error("framework stopped with an error", event.getThrowable());
            return 1;
        }
        return 0;
    }

    /**
     * Asks the framework to stop (signal handler, shutdown hook) and waits for it.
     *
     * @return true when the framework is stopped
     */
    boolean stop() {
        stopRequested = true;
        started.countDown();
        httpUp.countDown();
        Framework fw = framework;
        if (fw == null) {
            return true;
        }
        if ((fw.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) == 0) {
            return true;
        }
        try {
            Log.info("stopping");
            fw.stop();
            FrameworkEvent e = fw.waitForStop(STOP_WAIT_MILLIS);
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                Log.warn("framework did not stop within " + STOP_WAIT_MILLIS + " ms");
                return false;
            }
            return true;
        } catch (BundleException | RuntimeException e) {
            Log.error("stopping the framework failed", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Logs, as WARN, every bundle that did not get ACTIVE (fragments: RESOLVED) and why. */
    private void reportProblems(BundleContext ctx) {
        int active = ctx.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
        Bundle[] bundles = ctx.getBundles();
        Arrays.sort(bundles, (a, b) -> Long.compare(a.getBundleId(), b.getBundleId()));
        for (Bundle b : bundles) {
            if (b.getBundleId() == 0) {
                continue;
            }
            BundleStartLevel bsl = b.adapt(BundleStartLevel.class);
            if (bsl != null && bsl.getStartLevel() > active) {
                continue;
            }
            boolean fragment = BundleDeployer.isFragment(b);
            int state = b.getState();
            boolean fine = fragment ? state == Bundle.RESOLVED
                    : state == Bundle.ACTIVE || (state == Bundle.STARTING && bsl != null
                            && bsl.isActivationPolicyUsed());
            if (fine) {
                Log.debug("bundle " + BundleDeployer.describe(b) + " " + stateName(state));
                continue;
            }
            if (bsl != null && !fragment && !bsl.isPersistentlyStarted()) {
                continue; // stopped on purpose
            }
            String why = bundleErrors.get(b.getBundleId());
            Log.warn("bundle " + BundleDeployer.describe(b) + " is " + stateName(state)
                    + (why != null ? ": " + why : fragment ? " (fragment not attached)" : ""));
        }
    }

    private static boolean httpRuntimePresent(BundleContext ctx) {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(HTTP_RUNTIME, null);
            return refs != null && refs.length > 0;
        } catch (InvalidSyntaxException e) {
            return false;
        }
    }

    /** Fails fast with a clear message when the port is taken, instead of a Jetty stack trace. */
    private void checkPortFree() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(options.host(), options.port()));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
    }

    static String reason(Throwable t) {
        if (t == null) {
            return "error";
        }
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        Throwable c = t.getCause();
        for (int depth = 0; c != null && c != t && depth < 3; depth++, c = c.getCause()) {
            sb.append(" <- ").append(c);
        }
        return sb.toString();
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // framework going down
        }
    }
}
