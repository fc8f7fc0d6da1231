package org.megbox.warehouses.internal;

import org.megbox.api.warehouse.Warehouse;
import org.megbox.api.warehouse.WarehouseDescriptor;

/** The {@link Warehouse} service the extender registers for an active warehouse bundle. Immutable. */
record RegisteredWarehouse(String symbolicName, String bundleVersion, WarehouseDescriptor descriptor)
        implements Warehouse {
}
