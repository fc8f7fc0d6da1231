package org.megbox.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares the data folder: {@code felix/ db/ deploy/ pictures/}, and on its first initialisation
 * only, seeds {@code deploy/} with the distribution's default warehouses. The marker file
 * {@code .initialised} makes sure a warehouse the operator deleted stays deleted.
 */
final class DataFolder {

    static final String MARKER = ".initialised";

    private DataFolder() {
    }

    /**
     * Creates the folders and seeds the warehouses on first initialisation.
     *
     * @return the jars copied into {@code deploy/} (empty unless this was the first initialisation)
     */
    static List<Path> prepare(BoxOptions options, Path warehousesDir) throws IOException {
        Files.createDirectories(options.dataDir());
        Files.createDirectories(options.felixDir());
        Files.createDirectories(options.dbDir());
        Files.createDirectories(options.deployDir());
        Files.createDirectories(options.picturesDir());

        Path marker = options.dataDir().resolve(MARKER);
        if (Files.exists(marker)) {
            return List.of();
        }
        List<Path> copied = new ArrayList<>();
        if (warehousesDir != null && Files.isDirectory(warehousesDir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(warehousesDir, "*.jar")) {
                for (Path jar : jars) {
                    Path target = options.deployDir().resolve(jar.getFileName().toString());
                    if (Files.exists(target)) {
                        continue;
                    }
                    // copy under a temporary name, then rename: a watcher never sees half a jar
                    Path tmp = options.deployDir().resolve("." + jar.getFileName() + ".part");
                    Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    copied.add(target);
                }
            }
        }
        // written last: an interrupted first start seeds again on the next start
        Files.writeString(marker, "initialised " + Instant.now() + System.lineSeparator());
        return copied;
    }
}
