package org.megbox.warehouses.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * Checks a candidate warehouse jar without touching the framework: it is a zip, has a manifest declaring
 * an OSGi bundle (Bundle-ManifestVersion 2, Bundle-SymbolicName, a valid Bundle-Version, no Fragment-Host),
 * carries the {@value #HEADER} header, and the descriptor it names parses and validates.
 */
public final class JarInspector {

    /** Manifest header naming the descriptor inside a warehouse bundle. */
    public static final String HEADER = "MegBox-Warehouse";

    /** Descriptors are small; anything bigger than this is refused before it is read. */
    static final long MAX_DESCRIPTOR_BYTES = 1 << 20;

    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");

    private JarInspector() {
    }

    public static InspectedJar inspect(Path jar) throws RejectedException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry mf = zip.getEntry(JarFile.MANIFEST_NAME);
            if (mf == null) {
                throw new RejectedException("the jar has no " + JarFile.MANIFEST_NAME);
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(mf)) {
                manifest = new Manifest(in);
            } catch (IOException e) {
                throw new RejectedException("the manifest cannot be read: " + e.getMessage());
            }
            Attributes main = manifest.getMainAttributes();
            String mv = main.getValue(Constants.BUNDLE_MANIFESTVERSION);
            if (mv == null || !"2".equals(mv.trim())) {
                throw new RejectedException("not an OSGi R4+ bundle: Bundle-ManifestVersion must be 2, was "
                        + (mv == null ? "missing" : "\"" + mv.trim() + "\""));
            }
            String bsn = symbolicName(main.getValue(Constants.BUNDLE_SYMBOLICNAME));
            String version = version(main.getValue(Constants.BUNDLE_VERSION));
            if (main.getValue(Constants.FRAGMENT_HOST) != null) {
                throw new RejectedException("a warehouse bundle must not be a fragment (Fragment-Host is set)");
            }
            String header = main.getValue(HEADER);
            if (header == null || header.isBlank()) {
                throw new RejectedException("not a warehouse: the manifest has no " + HEADER + " header");
            }
            String path = descriptorPath(header);
            ZipEntry entry = zip.getEntry(path);
            if (entry == null || entry.isDirectory()) {
                throw new RejectedException(HEADER + " names " + path + ", which is not in the jar");
            }
            if (entry.getSize() > MAX_DESCRIPTOR_BYTES) {
                throw new RejectedException(path + " is larger than " + MAX_DESCRIPTOR_BYTES + " bytes");
            }
            byte[] json;
            try (InputStream in = zip.getInputStream(entry)) {
                json = in.readNBytes((int) MAX_DESCRIPTOR_BYTES + 1);
            }
            WarehouseDescriptor descriptor;
            try {
                descriptor = DescriptorParser.read(json);
            } catch (DescriptorException e) {
                throw new RejectedException("descriptor " + path + ": " + e.getMessage());
            }
            return new InspectedJar(bsn, version, path, descriptor, manifest);
        } catch (ZipException e) {
            throw new RejectedException("not a jar/zip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new RejectedException("cannot read the jar: " + e.getMessage());
        }
    }

    /**
     * True when {@code file} opens as a zip: its end-of-central-directory record, which a writer puts
     * last, is there. A jar still being copied into the drop folder is not complete yet.
     */
    static boolean isCompleteZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The descriptor path a header value names, without a leading slash. */
    static String descriptorPath(String header) {
        String p = header.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    private static String symbolicName(String header) throws RejectedException {
        List<ManifestHeaders.Clause> clauses = ManifestHeaders.parse(header);
        if (clauses.isEmpty() || clauses.get(0).paths().isEmpty()) {
            throw new RejectedException("not a bundle: the manifest has no Bundle-SymbolicName");
        }
        String bsn = clauses.get(0).paths().get(0);
        if (clauses.size() > 1 || clauses.get(0).paths().size() > 1 || !SYMBOLIC_NAME.matcher(bsn).matches()) {
            throw new RejectedException("invalid Bundle-SymbolicName \"" + header.trim() + "\"");
        }
        return bsn;
    }

    private static String version(String header) throws RejectedException {
        try {
            return Version.parseVersion(header == null ? null : header.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new RejectedException("invalid Bundle-Version \"" + header + "\": " + e.getMessage());
        }
    }
}
