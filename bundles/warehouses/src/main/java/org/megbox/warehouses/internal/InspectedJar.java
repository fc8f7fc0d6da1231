package org.megbox.warehouses.internal;

import java.util.jar.Manifest;
import org.megbox.api.warehouse.WarehouseDescriptor;

/**
 * A jar that passed {@link JarInspector}: a bundle (manifest version 2, symbolic name, version) carrying
 * the {@code MegBox-Warehouse} header and a descriptor that parses and validates.
 */
record InspectedJar(String symbolicName, String version, String descriptorPath, WarehouseDescriptor descriptor,
        Manifest manifest) {
}
