package org.megbox.faces.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The 24-character ids of §23.4: an {@code imageId} is the spec's {@code imageMd5} of the uploaded file (the 16 MD5
 * bytes in Base64 with {@code +}→{@code -} and {@code /}→{@code _}, "与固件端生成结果一致"), so the same photo gets
 * the same id; a {@code faceToken} is 16 random bytes in the same alphabet.
 */
final class FaceIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private FaceIds() {
    }

    static String imageMd5(byte[] file) {
        try {
            return encode(MessageDigest.getInstance("MD5").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JRE", e);
        }
    }

    static String newFaceToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return encode(b);
    }

    /** Whether {@code s} has the shape of these ids (also keeps path parameters out of file names). */
    static boolean wellFormed(String s) {
        return s != null && s.matches("[A-Za-z0-9_-]{22}==");
    }

    private static String encode(byte[] sixteen) {
        return Base64.getEncoder().encodeToString(sixteen).replace('+', '-').replace('/', '_');
    }
}
