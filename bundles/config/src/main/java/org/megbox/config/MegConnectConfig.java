package org.megbox.config;

import java.util.Objects;

/**
 * MegConnect active mode (§3.1.5–3.1.6): whether the box connects out to a platform, and where.
 *
 * @param enable active mode on
 * @param url {@code tcp://host:port}; empty while none was ever set
 */
public record MegConnectConfig(boolean enable, String url) {

    public MegConnectConfig {
        Objects.requireNonNull(url, "url");
    }
}
