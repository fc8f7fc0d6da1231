package org.megbox.config;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The current device configuration. Values are immutable snapshots, published only after they were
 * committed to the database; reading never blocks and never sees a half-applied change.
 */
@ProviderType
public interface DeviceConfigService {

    DeviceConfig current();

    MegConnectConfig megConnect();
}
