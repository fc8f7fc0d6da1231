package org.megbox.warehouses.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import org.megbox.api.analysis.AnalyzerFactory;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Read-only questions the installer asks the framework: which bundles are warehouses, which came from
 * the drop folder, whether a jar's imports are exported, and the {@code GET /warehouses} view of a bundle.
 * Thread-safe (it only reads the framework).
 */
final class BundleInventory {

    private final BundleContext context;
    private final WarehouseExtender extender;
    private final Path deployDir;

    BundleInventory(BundleContext context, WarehouseExtender extender, Path deployDir) {
        this.context = context;
        this.extender = extender;
        this.deployDir = deployDir;
    }

    /** Mandatory imports of {@code jar} that no resolved bundle (nor the jar itself) exports. */
    List<String> missingImports(InspectedJar jar) {
        Attributes main = jar.manifest().getMainAttributes();
        Set<String> own = new HashSet<>();
        for (ManifestHeaders.Clause c : ManifestHeaders.parse(main.getValue(Constants.EXPORT_PACKAGE))) {
            own.addAll(c.paths());
        }
        List<String> missing = new ArrayList<>();
        for (ManifestHeaders.Clause c : ManifestHeaders.parse(main.getValue(Constants.IMPORT_PACKAGE))) {
            if (Constants.RESOLUTION_OPTIONAL.equals(c.directives().get(Constants.RESOLUTION_DIRECTIVE))) {
                continue;
            }
            String v = c.attributes().getOrDefault(Constants.VERSION_ATTRIBUTE,
                    c.attributes().getOrDefault("specification-version", "0.0.0"));
            VersionRange range;
            try {
                range = new VersionRange(v);
            } catch (IllegalArgumentException e) {
                missing.add(c.paths() + " (invalid version range " + v + ")");
                continue;
            }
            for (String pkg : c.paths()) {
                if (!pkg.startsWith("java.") && !own.contains(pkg) && !exported(pkg, range)) {
                    missing.add(pkg + ";version=\"" + range + "\"");
                }
            }
        }
        return missing;
    }

    private boolean exported(String pkg, VersionRange range) {
        for (Bundle b : context.getBundles()) {
            BundleWiring w = b.adapt(BundleWiring.class);
            if (w == null) {
                continue;
            }
            for (BundleCapability cap : w.getCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
                Map<String, Object> attrs = cap.getAttributes();
                if (pkg.equals(attrs.get(BundleRevision.PACKAGE_NAMESPACE))
                        && attrs.get(Constants.VERSION_ATTRIBUTE) instanceof Version version
                        && range.includes(version)) {
                    return true;
                }
            }
        }
        return false;
    }

    WarehouseInfo info(Bundle b) {
        String problem = null;
        WarehouseDescriptor d = null;
        try {
            d = WarehouseExtender.readDescriptor(b);
        } catch (DescriptorException | IOException | RuntimeException e) {
            problem = "descriptor: " + e.getMessage();
        }
        if (problem == null) {
            problem = extender.problem(b).orElse(null);
        }
        WarehouseInfo.Analyzer analyzer = d == null ? new WarehouseInfo.Analyzer(false, "")
                : new WarehouseInfo.Analyzer(hasAnalyzerFactory(b, d.algType())
                        || (d.analyzer().available() && registersServices(b)), d.analyzer().note(),
                        d.analyzer().events());
        return new WarehouseInfo(b.getSymbolicName(), b.getVersion().toString(), stateName(b.getState()),
                d == null ? List.of() : List.of(d.algType()), d == null ? null : d.itemsType(), analyzer,
                b.getLocation(), problem);
    }

    /**
     * Whether the bundle registers a service of its own (beyond the Warehouse the extender registers in its name): a
     * warehouse whose analysis is not an AnalyzerFactory (structure capture) is up when its component is.
     */
    private static boolean registersServices(Bundle b) {
        ServiceReference<?>[] refs;
        try {
            refs = b.getRegisteredServices();
        } catch (IllegalStateException e) {
            return false;
        }
        if (refs == null) {
            return false;
        }
        for (ServiceReference<?> r : refs) {
            if (!List.of((String[]) r.getProperty(Constants.OBJECTCLASS)).contains(Warehouse.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAnalyzerFactory(Bundle b, int algType) {
        ServiceReference<?>[] refs;
        try {
            refs = b.getRegisteredServices();
        } catch (IllegalStateException e) {
            return false;
        }
        if (refs == null) {
            return false;
        }
        for (ServiceReference<?> r : refs) {
            if (List.of((String[]) r.getProperty(Constants.OBJECTCLASS)).contains(AnalyzerFactory.class.getName())
                    && r.getProperty(Warehouse.ALG_TYPE) instanceof Number n && n.intValue() == algType) {
                return true;
            }
        }
        return false;
    }

    static Optional<WarehouseDescriptor> descriptor(Bundle b) {
        try {
            return Optional.of(WarehouseExtender.readDescriptor(b));
        } catch (DescriptorException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean isWarehouse(Bundle b) {
        return b.getBundleId() != 0 && b.getState() != Bundle.UNINSTALLED
                && b.getHeaders("").get(JarInspector.HEADER) != null;
    }

    /** The installed bundle of that symbolic name (a warehouse one first, if several). */
    Optional<Bundle> bySymbolicName(String symbolicName) {
        Bundle found = null;
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED
                    && (found == null || (!isWarehouse(found) && isWarehouse(b)))) {
                found = b;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Bundles installed from a jar in the drop folder, by that jar's path. */
    Map<Path, Bundle> managedBundles() {
        Map<Path, Bundle> out = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            Path file = fileOf(b.getLocation());
            if (file != null && b.getBundleId() != 0) {
                out.put(file, b);
            }
        }
        return out;
    }

    /** The location of a jar in the drop folder: {@code file:} + its absolute path. */
    static String location(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    /** The drop-folder jar a location points at, or null when the location is not under {@code deploy/}. */
    Path fileOf(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        String path = location.substring("file:".length());
        while (path.startsWith("//")) {
            path = path.substring(1);
        }
        try {
            Path p = Path.of(path).toAbsolutePath().normalize();
            return p.getParent() != null && p.getParent().equals(deployDir) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }
}
