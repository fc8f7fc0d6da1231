package org.megbox.rest.internal;

/** The parsed, immutable form of {@link RestConfig}; invalid values fall back to the defaults. */
record RestOptions(long writeWaitMillis, long maxBodyBytes) {

    static final long DEFAULT_WRITE_WAIT_MILLIS = 5_000;
    static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    static final RestOptions DEFAULTS = new RestOptions(DEFAULT_WRITE_WAIT_MILLIS, DEFAULT_MAX_BODY_BYTES);

    RestOptions {
        if (writeWaitMillis < 0) {
            writeWaitMillis = DEFAULT_WRITE_WAIT_MILLIS;
        }
        if (maxBodyBytes <= 0) {
            maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        }
    }

    static RestOptions of(RestConfig config) {
        return config == null ? DEFAULTS : new RestOptions(config.writeWaitMillis(), config.maxBodyBytes());
    }
}
