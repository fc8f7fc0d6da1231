package org.megbox.persistence.internal;

import org.mapdb.Serializer;
import org.mapdb.serializer.GroupSerializer;

/** The key types a store may have, with their MapDB serializers and the tag recorded per store. */
enum KeyKind {
    STRING("string", Serializer.STRING),
    LONG("long", Serializer.LONG);

    final String tag;
    final GroupSerializer<?> serializer;

    KeyKind(String tag, GroupSerializer<?> serializer) {
        this.tag = tag;
        this.serializer = serializer;
    }

    static KeyKind ofTag(String tag) {
        for (KeyKind k : values()) {
            if (k.tag.equals(tag)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key kind " + tag);
    }
}
