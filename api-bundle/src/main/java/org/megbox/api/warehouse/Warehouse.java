package org.megbox.api.warehouse;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A warehouse present in the box. The core registers one such service, in the name of the warehouse
 * bundle, for each active bundle carrying {@link WarehouseDescriptor#RESOURCE}; it disappears the
 * moment that bundle stops. Consumers bind it dynamically and never keep it after unbind.
 */
@ProviderType
public interface Warehouse {

    /** Service property holding the descriptor's {@code alg_type} (an Integer). */
    String ALG_TYPE = "megbox.alg_type";

    String symbolicName();

    String bundleVersion();

    WarehouseDescriptor descriptor();
}
