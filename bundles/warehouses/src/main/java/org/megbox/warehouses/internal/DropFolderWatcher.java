package org.megbox.warehouses.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code DATA/deploy/} on a thread of its own and keeps the installed warehouses in line with it
 * through {@link WarehouseInstaller#reconcile()}, the same lane REST and Gogo use: a new jar is validated
 * and installed, a changed jar (size/mtime, then SHA-256) updates its bundle, a deleted jar uninstalls it.
 * Activation installs the jars not installed yet at once (so the warehouses start with the box); the
 * thread's first pass then completes the start-up reconcile (updates, removals).
 *
 * <p>Polling is the ground truth: a directory listing plus a stat per jar every
 * {@link Config#pollMillis()} ms costs next to nothing for a handful of jars, sees changes made while
 * the box was down the same way as live ones, and has no platform quirks (overflow, network file
 * systems). A WatchService (inotify on Linux) only wakes the poll early, so a dropped jar is acted on
 * within milliseconds instead of up to one interval later; if it is unavailable or overflows, the
 * poll still catches everything. An invalid jar is left in place and logged once per version; the
 * watcher never stops on it.
 */
@Component(immediate = true, configurationPid = DropFolderWatcher.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DropFolderWatcher.Config.class)
public final class DropFolderWatcher {

    static final String PID = "org.megbox.warehouses.dropfolder";

    private static final Logger LOG = LoggerFactory.getLogger(DropFolderWatcher.class);
    /** After a change event, how long to let the writer finish before looking (half-written jars wait anyway). */
    private static final long SETTLE_AFTER_EVENT_MILLIS = 20;

    @ObjectClassDefinition(name = "MegBox warehouse drop folder",
            description = "Installs, updates and removes warehouse bundles as jars appear in, change in or"
                    + " disappear from DATA/deploy/.")
    public @interface Config {

        @AttributeDefinition(name = "Poll interval (ms)", min = "50", max = "60000",
                description = "How often the drop folder is listed.")
        long pollMillis() default 250;

        @AttributeDefinition(name = "Enabled", description = "Watch the drop folder at all.")
        boolean enabled() default true;
    }

    private final WarehouseInstaller installer;
    private final Thread thread;
    private volatile long pollMillis;
    private volatile boolean running = true;

    @Activate
    public DropFolderWatcher(@Reference WarehouseInstaller installer, Config config) {
        this.installer = installer;
        this.pollMillis = Math.max(50, config.pollMillis());
        this.thread = new Thread(this::run, "megbox-warehouse-dropfolder");
        thread.setDaemon(true);
        if (config.enabled()) {
            try {
                installer.installNewJars();
            } catch (RuntimeException e) {
                LOG.error("initial drop folder pass failed", e);
            }
            thread.start();
            LOG.info("watching {} every {} ms", installer.deployDir(), pollMillis);
        } else {
            LOG.info("drop folder watching is disabled");
        }
    }

    @Modified
    void modified(Config config) {
        pollMillis = Math.max(50, config.pollMillis());
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }

    private void run() {
        WatchService wakeUp = openWatchService();
        try {
            while (running) {
                try {
                    installer.reconcile();
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("drop folder pass failed; watching on", e);
                }
                try {
                    awaitChangeOrTimeout(wakeUp);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            closeQuietly(wakeUp);
        }
    }

    /** Returns when the folder reports a change (then a little later, to let writes settle) or after one poll. */
    private void awaitChangeOrTimeout(WatchService wakeUp) throws InterruptedException {
        if (wakeUp == null) {
            Thread.sleep(pollMillis);
            return;
        }
        WatchKey key = wakeUp.poll(pollMillis, TimeUnit.MILLISECONDS);
        if (key != null) {
            Thread.sleep(SETTLE_AFTER_EVENT_MILLIS); // coalesce the burst of events one copy makes
            key.pollEvents();
            key.reset();
            WatchKey more;
            while ((more = wakeUp.poll()) != null) {
                more.pollEvents();
                more.reset();
            }
        }
    }

    private WatchService openWatchService() {
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            installer.deployDir().register(ws, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            return ws;
        } catch (IOException | RuntimeException e) {
            LOG.info("no file-change notification for {} ({}); polling only", installer.deployDir(), e.toString());
            return null;
        }
    }

    private static void closeQuietly(WatchService ws) {
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                // closing on the way out; nothing left to do
            }
        }
    }
}
