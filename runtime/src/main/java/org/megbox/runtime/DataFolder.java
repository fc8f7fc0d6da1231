package org.megbox.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Prepares the data folder: {@code felix/ db/ deploy/ pictures/}, and on its first initialisation
 * only, seeds {@code deploy/} with the distribution's default warehouses. The marker file
 * {@code .initialised} makes sure a warehouse the operator deleted stays deleted.
 */
final class DataFolder {

    static final String MARKER = ".initialised";
    static final String LOCK = ".lock";

    private DataFolder() {
    }

    /**
     * Locks the data folder for this process (released when the process ends, even on SIGKILL).
     * Two boxes on one data folder would corrupt its database, and Felix 7.0.5's own cache lock does
     * not stop a second process (it ignores a failed tryLock).
     *
     * @return the open lock channel: keep it referenced for the life of the process
     * @throws IOException when another process holds the lock
     */
    static FileChannel lock(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel ch = FileChannel.open(dataDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("data folder " + dataDir + " is in use by another MegBox process");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + System.lineSeparator())
                .getBytes(StandardCharsets.US_ASCII)));
        ch.force(false);
        return ch;
    }

    /**
     * The name a warehouse jar gets in {@code deploy/}: {@code <Bundle-SymbolicName>.jar}, the
     * installer's convention, so a later install of the same warehouse replaces the file. A jar
     * without a symbolic name keeps its file name.
     */
    static String deployName(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn != null) {
                bsn = bsn.split(";", 2)[0].trim();
                if (!bsn.isEmpty() && bsn.matches("[A-Za-z0-9_.\\-]+")) {
                    return bsn + ".jar";
                }
            }
        } catch (IOException e) {
            Log.warn("cannot read the manifest of " + jar + ": " + e.getMessage());
        }
        return jar.getFileName().toString();
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
                    Path target = options.deployDir().resolve(deployName(jar));
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
