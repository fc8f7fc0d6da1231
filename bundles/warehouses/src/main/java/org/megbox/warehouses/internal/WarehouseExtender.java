package org.megbox.warehouses.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse extender: a {@link BundleTracker} over ACTIVE bundles carrying the
 * {@value JarInspector#HEADER} header. For each it parses and validates the descriptor and registers a
 * {@link Warehouse} service <em>in the name of the warehouse bundle</em> (through that bundle's own
 * context), with {@value Warehouse#ALG_TYPE}; the framework withdraws it when the bundle stops, and so
 * do we. A bundle whose descriptor is bad is logged and gets no service.
 *
 * <p>One warehouse per alg_type: the installer refuses a second bundle for a taken alg_type, but one may
 * still get in (an older cache, a bundle installed by hand). Such a bundle waits, reported as a problem,
 * and is registered as soon as the holder leaves. Bundle events reach the tracker synchronously, so once
 * {@code Bundle.start()} returns, the service is registered (or the problem recorded).
 */
@Component(service = WarehouseExtender.class, immediate = true)
public final class WarehouseExtender {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseExtender.class);

    /** What the extender knows about one tracked (active, header-carrying) bundle. */
    private static final class Tracked {
        final Bundle bundle;
        WarehouseDescriptor descriptor;
        ServiceRegistration<Warehouse> registration;
        String problem;

        Tracked(Bundle bundle) {
            this.bundle = bundle;
        }
    }

    private final BundleTracker<Tracked> tracker;
    /** All mutable state below is guarded by {@code this}. */
    private final Map<Long, Tracked> tracked = new HashMap<>();
    private final Map<Integer, Long> owners = new HashMap<>();

    @Activate
    public WarehouseExtender(BundleContext context) {
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public Tracked addingBundle(Bundle bundle, BundleEvent event) {
                return bundle.getHeaders("").get(JarInspector.HEADER) == null ? null : added(bundle);
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Tracked t) {
                // ACTIVE only: nothing changes while a bundle stays active
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Tracked t) {
                removed(t);
            }
        });
        tracker.open();
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    /** True when {@code bundle}'s Warehouse service is registered right now. */
    public synchronized boolean serves(Bundle bundle) {
        Tracked t = tracked.get(bundle.getBundleId());
        return t != null && t.registration != null;
    }

    /** Why an active warehouse bundle has no service (bad descriptor, alg_type taken), if it has none. */
    public synchronized Optional<String> problem(Bundle bundle) {
        Tracked t = tracked.get(bundle.getBundleId());
        return t == null ? Optional.empty() : Optional.ofNullable(t.problem);
    }

    private synchronized Tracked added(Bundle bundle) {
        Tracked t = new Tracked(bundle);
        tracked.put(bundle.getBundleId(), t);
        try {
            t.descriptor = readDescriptor(bundle);
        } catch (DescriptorException | IOException e) {
            t.problem = "descriptor: " + e.getMessage();
            LOG.warn("warehouse {} {} not served: {}", bundle.getSymbolicName(), bundle.getVersion(), t.problem);
            return t;
        }
        tryRegister(t);
        return t;
    }

    private synchronized void removed(Tracked t) {
        tracked.remove(t.bundle.getBundleId());
        if (t.registration == null) {
            return;
        }
        try {
            t.registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework withdraws a stopping bundle's services itself
        }
        t.registration = null;
        int algType = t.descriptor.algType();
        owners.remove(algType);
        LOG.info("warehouse {} {} (alg_type {}) withdrawn", t.bundle.getSymbolicName(), t.bundle.getVersion(),
                algType);
        // a bundle that waited for this alg_type takes over (the earliest installed first)
        tracked.values().stream()
                .filter(w -> w.registration == null && w.descriptor != null && w.descriptor.algType() == algType)
                .min(Comparator.comparingLong(w -> w.bundle.getBundleId()))
                .ifPresent(this::tryRegister);
    }

    private void tryRegister(Tracked t) {
        WarehouseDescriptor d = t.descriptor;
        Long owner = owners.get(d.algType());
        if (owner != null && owner != t.bundle.getBundleId()) {
            Tracked holder = tracked.get(owner);
            t.problem = "alg_type " + d.algType() + " already provided by "
                    + (holder == null ? "bundle " + owner : holder.bundle.getSymbolicName());
            LOG.warn("warehouse {} {} not served: {}", t.bundle.getSymbolicName(), t.bundle.getVersion(), t.problem);
            return;
        }
        BundleContext ctx = t.bundle.getBundleContext();
        if (ctx == null) {
            t.problem = "bundle is not active";
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Warehouse.ALG_TYPE, d.algType());
        props.put("megbox.items_type", d.itemsType());
        props.put("megbox.warehouse.version", d.version());
        try {
            t.registration = ctx.registerService(Warehouse.class,
                    new RegisteredWarehouse(t.bundle.getSymbolicName(), t.bundle.getVersion().toString(), d), props);
        } catch (IllegalStateException | IllegalArgumentException e) {
            t.problem = "cannot register the Warehouse service: " + e.getMessage();
            LOG.warn("warehouse {} not served: {}", t.bundle.getSymbolicName(), t.problem);
            return;
        }
        t.problem = null;
        owners.put(d.algType(), t.bundle.getBundleId());
        LOG.info("warehouse {} {} serves alg_type {} ({}, {} event types)", t.bundle.getSymbolicName(),
                t.bundle.getVersion(), d.algType(), d.itemsType(), d.alertorTypes().size());
    }

    /** Reads and validates the descriptor the bundle's header names (any bundle state but UNINSTALLED). */
    static WarehouseDescriptor readDescriptor(Bundle bundle) throws IOException, DescriptorException {
        String header = bundle.getHeaders("").get(JarInspector.HEADER);
        if (header == null) {
            throw DescriptorException.at("", "no " + JarInspector.HEADER + " header");
        }
        String path = JarInspector.descriptorPath(header);
        URL url = bundle.getEntry(path);
        if (url == null) {
            throw DescriptorException.at("", JarInspector.HEADER + " names " + path + ", which is not in the bundle");
        }
        try (InputStream in = url.openStream()) {
            return DescriptorParser.read(in.readNBytes((int) JarInspector.MAX_DESCRIPTOR_BYTES + 1));
        }
    }
}
