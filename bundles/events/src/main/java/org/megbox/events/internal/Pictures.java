package org.megbox.events.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The picture files of stored events: {@code <data>/pictures/yyyy/MM/dd/HH/<id>_<videoNo>_<targetId>_<full|crop>.jpg}
 * (hour folders in UTC, by the event's time). Their URI in API answers is the relative path
 * {@code ./pictures/yyyy/MM/dd/HH/<file>}, which resolves against {@code /v1/MEGBOX/} to the route serving it.
 *
 * <p>A file is written to a hidden temporary name in its folder, optionally fsync'd, then renamed into place,
 * so a file with its final name is always complete. The writer commits the record that references a picture
 * only after this returned; pictures whose id has no record (a crash between the two, or between a record's
 * deletion and its files') are orphans, deleted by {@link #cleanOrphans} at start.
 */
final class Pictures {

    enum Kind {
        FULL("full"), CROP("crop");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    static final String URI_PREFIX = "./pictures/";
    static final Pattern FILE_NAME = Pattern.compile("(\\d{1,19})_(\\d{1,2})_(-?\\d{1,20})_(full|crop)\\.jpg");
    private static final Pattern URI = Pattern.compile(
            "\\./pictures/(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/(" + FILE_NAME.pattern() + ")");
    private static final String TMP_PREFIX = ".tmp-";
    private static final Logger LOG = LoggerFactory.getLogger(Pictures.class);

    /**
     * Threads for the concurrent fsyncs of one batch (idle ones end after 30 s; with all busy, the writer thread
     * does the fsync itself).
     */
    private static final ExecutorService FSYNC_THREADS = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "megbox-events-fsync");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    private final Path root;
    private volatile boolean fsync;

    Pictures(Path root, boolean fsync) {
        this.root = root.toAbsolutePath().normalize();
        this.fsync = fsync;
    }

    Path root() {
        return root;
    }

    void fsync(boolean on) {
        this.fsync = on;
    }

    static String uri(long id, int videoNo, long targetId, long timestampMillis, Kind kind) {
        ZonedDateTime t = Instant.ofEpochMilli(Math.max(0, timestampMillis)).atZone(ZoneOffset.UTC);
        return String.format("%s%04d/%02d/%02d/%02d/%d_%d_%d_%s.jpg", URI_PREFIX, t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), id, videoNo, targetId, kind.suffix);
    }

    /** The file of a well-formed picture URI under the root, or empty for anything else (no traversal possible). */
    Optional<Path> resolve(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(m.group(1)).resolve(m.group(2)).resolve(m.group(3)).resolve(m.group(4))
                .resolve(m.group(5)));
    }

    /** The URI for a route's path segments, if they form a well-formed one. */
    static String uriOf(String yyyy, String mm, String dd, String hh, String file) {
        return URI_PREFIX + yyyy + "/" + mm + "/" + dd + "/" + hh + "/" + file;
    }

    /** Writes the picture completely under its final name; returns its size. */
    long write(String uri, byte[] jpeg) throws IOException {
        Staged s = stage(uri, jpeg);
        List<Staged> failed = publish(List.of(s));
        if (!failed.isEmpty()) {
            throw failed.get(0).failure;
        }
        return jpeg.length;
    }

    /**
     * A picture written under its temporary name (file still open): neither durable nor visible until
     * {@link #publish}ed, deleted by {@link #discard} or, after a crash, by {@link #cleanOrphans}.
     */
    static final class Staged {
        final String uri;
        final Path file;
        final Path tmp;
        final FileChannel channel;
        final long size;
        IOException failure;

        private Staged(String uri, Path file, Path tmp, FileChannel channel, long size) {
            this.uri = uri;
            this.file = file;
            this.tmp = tmp;
            this.channel = channel;
            this.size = size;
        }
    }

    /** Writes the picture to its temporary file; {@link #publish} makes it durable and gives it its name. */
    Staged stage(String uri, byte[] jpeg) throws IOException {
        Path file = resolve(uri).orElseThrow(() -> new IllegalArgumentException("bad picture uri " + uri));
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(TMP_PREFIX + file.getFileName());
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer buf = ByteBuffer.wrap(jpeg);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new Staged(uri, file, tmp, ch, jpeg.length);
    }

    /**
     * Makes staged pictures durable (with fsync on: all fsync'd at once, so that the file system commits its
     * journal for the lot rather than once per file) and renames each into place.
     *
     * @return the pictures that failed (their {@code failure} set, their temporary file deleted); the others are
     *     complete under their final name
     */
    List<Staged> publish(List<Staged> staged) {
        if (fsync) {
            forceAll(staged);
        }
        List<Staged> failed = new ArrayList<>();
        for (Staged s : staged) {
            try {
                s.channel.close();
                if (s.failure == null) {
                    try {
                        Files.move(s.tmp, s.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(s.tmp, s.file, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                if (s.failure == null) {
                    s.failure = e;
                }
            }
            if (s.failure != null) {
                deleteQuietly(s.tmp);
                failed.add(s);
            }
        }
        return failed;
    }

    /** Closes and deletes staged pictures that will not be published. */
    void discard(List<Staged> staged) {
        for (Staged s : staged) {
            closeQuietly(s.channel);
            deleteQuietly(s.tmp);
        }
    }

    /** fsync of every staged file, concurrently: the last on this thread, the others on the fsync threads. */
    private static void forceAll(List<Staged> staged) {
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 0; i < staged.size() - 1; i++) {
            Staged s = staged.get(i);
            others.add(CompletableFuture.runAsync(() -> force(s), FSYNC_THREADS));
        }
        if (!staged.isEmpty()) {
            force(staged.get(staged.size() - 1));
        }
        others.forEach(CompletableFuture::join);
    }

    private static void force(Staged s) {
        try {
            s.channel.force(true);
        } catch (IOException e) {
            s.failure = e;
        } catch (RuntimeException e) {
            s.failure = new IOException(e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("closing a picture file failed: {}", e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString()); // an orphan for the next start
        }
    }

    Optional<byte[]> read(String uri) {
        Optional<Path> file = resolve(uri);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file.get()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the picture if present; failures are logged, never thrown (a leftover is an orphan for the next start). */
    void delete(String uri) {
        resolve(uri).ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("cannot delete picture {}: {}", file, e.toString());
            }
        });
    }

    /**
     * Deletes temporary files, files not named like pictures, and pictures whose event id {@code referenced}
     * refuses; then empty folders. Call before the writer starts.
     *
     * @return the number of files deleted
     */
    int cleanOrphans(LongPredicate referenced) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> deleted = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String name = f.getFileName().toString();
                Matcher m = FILE_NAME.matcher(name);
                boolean orphan = !m.matches() || !referenced.test(Long.parseLong(m.group(1)));
                if (orphan) {
                    try {
                        Files.deleteIfExists(f);
                        deleted.add(f);
                    } catch (IOException e) {
                        LOG.warn("cannot delete orphan picture {}: {}", f, e.toString());
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("orphan scan of {} failed: {}", root, e.toString());
        }
        deleteEmptyFolders(root);
        return deleted.size();
    }

    private void deleteEmptyFolders(Path dir) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path c : children) {
                if (Files.isDirectory(c)) {
                    deleteEmptyFolders(c);
                    try (DirectoryStream<Path> rest = Files.newDirectoryStream(c)) {
                        if (!rest.iterator().hasNext()) {
                            Files.deleteIfExists(c);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot tidy {}: {}", dir, e.toString());
        }
    }

    /** Deletes the hour folder of {@code uri} and its parents up to the root when they became empty. */
    void deleteEmptyParents(String uri) {
        resolve(uri).ifPresent(file -> {
            Path dir = file.getParent();
            while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
                try {
                    Files.delete(dir); // fails when not empty
                } catch (IOException e) {
                    return;
                }
                dir = dir.getParent();
            }
        });
    }
}
