package org.megbox.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns a value into the bytes a {@link KeyValueStore} keeps, and back. Callers own their record
 * format (usually JSON written with their own Jackson mapper); decoding must tolerate records written
 * by older versions of the caller, which is how per-store formats evolve without a database migration.
 *
 * @param <V> the value type
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Codec<V> {

    byte[] encode(V value);

    V decode(byte[] bytes);

    /** Stores byte arrays as they are. */
    static Codec<byte[]> bytes() {
        return of(Function.identity(), Function.identity());
    }

    /** Stores strings as UTF-8. */
    static Codec<String> utf8() {
        return of(s -> s.getBytes(StandardCharsets.UTF_8), b -> new String(b, StandardCharsets.UTF_8));
    }

    static <V> Codec<V> of(Function<? super V, byte[]> encoder, Function<byte[], ? extends V> decoder) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        return new Codec<>() {
            @Override
            public byte[] encode(V value) {
                return encoder.apply(value);
            }

            @Override
            public V decode(byte[] bytes) {
                return decoder.apply(bytes);
            }
        };
    }
}
