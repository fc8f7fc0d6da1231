package org.megbox.warehouses.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The fingerprint of the jar each drop-folder bundle was installed or last updated from, by bundle
 * location; persisted (in this bundle's data area) so that a jar replaced while the box was off is
 * updated at the next start. Not thread-safe: used under the installer's lane only.
 */
final class DeployState {

    private final Path file;
    private final Map<String, Fingerprint> byLocation = new HashMap<>();

    DeployState(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                return; // unreadable state: every jar is checked by content once
            }
            for (String location : p.stringPropertyNames()) {
                Fingerprint f = Fingerprint.parse(p.getProperty(location));
                if (f != null) {
                    byLocation.put(location, f);
                }
            }
        }
    }

    Fingerprint get(String location) {
        return byLocation.get(location);
    }

    void put(String location, Fingerprint fingerprint) {
        if (!fingerprint.equals(byLocation.put(location, fingerprint))) {
            save();
        }
    }

    void remove(String location) {
        if (byLocation.remove(location) != null) {
            save();
        }
    }

    /** Forgets every location not in {@code keep}. */
    void retain(Collection<String> keep) {
        if (byLocation.keySet().retainAll(keep)) {
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        byLocation.forEach((k, v) -> p.setProperty(k, v.toString()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "MegBox drop folder: location = size,mtime,sha256 of the jar installed");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file, e);
        }
    }
}
