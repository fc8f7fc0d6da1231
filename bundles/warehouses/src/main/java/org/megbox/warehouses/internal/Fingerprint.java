package org.megbox.warehouses.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the drop folder remembers of a jar: size and modification time (cheap, compared at every poll)
 * and the SHA-256 of its content (computed only when the cheap part changed, so touching a file does
 * not update its bundle). {@code sha256} is empty until computed.
 */
record Fingerprint(long size, long modifiedMillis, String sha256) {

    static Fingerprint quick(Path file) throws IOException {
        return new Fingerprint(Files.size(file), Files.getLastModifiedTime(file).toMillis(), "");
    }

    static Fingerprint full(Path file) throws IOException {
        return quick(file).withHash(sha256(file));
    }

    Fingerprint withHash(String hash) {
        return new Fingerprint(size, modifiedMillis, hash);
    }

    boolean sameQuick(Fingerprint other) {
        return other != null && size == other.size && modifiedMillis == other.modifiedMillis;
    }

    /** {@code size,mtime,sha256}, as stored in the state file. */
    @Override
    public String toString() {
        return size + "," + modifiedMillis + "," + sha256;
    }

    static Fingerprint parse(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split(",", 3);
        try {
            return new Fingerprint(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts.length > 2 ? parts[2] : "");
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
