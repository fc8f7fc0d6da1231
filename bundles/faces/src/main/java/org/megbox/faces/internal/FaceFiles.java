package org.megbox.faces.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's files: originals as {@code <data>/faces/images/<imageId>.<jpg|png|bmp>} and face crops as
 * {@code <data>/faces/crops/<faceToken>.jpg}. A file is written to a temporary name, fsync'd and renamed, before the
 * record naming it is committed; records are deleted before their files. So after a crash the only inconsistency is
 * a file without a record, which {@link #deleteOrphans} removes at start.
 */
final class FaceFiles {

    private static final String TMP = ".tmp-";
    private static final Logger LOG = LoggerFactory.getLogger(FaceFiles.class);

    private final Path images;
    private final Path crops;

    FaceFiles(Path root) {
        this.images = root.resolve("images");
        this.crops = root.resolve("crops");
        try {
            Files.createDirectories(images);
            Files.createDirectories(crops);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path image(String imageId, String format) {
        return images.resolve(imageId + "." + format);
    }

    Path crop(String faceToken) {
        return crops.resolve(faceToken + ".jpg");
    }

    void write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(TMP + file.getFileName());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.toString());
        }
    }

    /** Deletes temporaries and files whose id (the name before the dot) has no record; returns how many. */
    int deleteOrphans(Predicate<String> imageIdKnown, Predicate<String> faceTokenKnown) {
        return deleteOrphans(images, imageIdKnown) + deleteOrphans(crops, faceTokenKnown);
    }

    private int deleteOrphans(Path dir, Predicate<String> known) {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String id = dot < 0 ? name : name.substring(0, dot);
                if (name.startsWith(TMP) || !known.test(id)) {
                    delete(f);
                    n++;
                }
            }
        } catch (IOException e) {
            LOG.warn("could not list {}: {}", dir, e.toString());
        }
        return n;
    }
}
