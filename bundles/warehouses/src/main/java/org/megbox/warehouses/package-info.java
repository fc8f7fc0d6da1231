/**
 * The live set of warehouses for the core (rule validation, engine): one {@link WarehouseRegistry}
 * service reading the {@code Warehouse} services the extender registers, no cache of its own.
 */
@Export
@Version("1.0.0")
package org.megbox.warehouses;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
