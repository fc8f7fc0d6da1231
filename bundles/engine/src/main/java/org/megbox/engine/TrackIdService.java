package org.megbox.engine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The box's §23.4 track ids: one durable, accumulating allocator per {@link TrackIdRange}, shared by every tracker
 * of that range (all channels), so ids are unique box-wide per range and keep increasing across restarts.
 * (Engine API 1.4.)
 */
@ProviderType
public interface TrackIdService {

    /** The range's allocator; every call for the same range returns the same one. */
    TrackIds ids(TrackIdRange range);
}
