package org.megbox.warehouses;

import java.util.List;
import java.util.Optional;
import org.megbox.api.warehouse.AlertorTypeSpec;
import org.megbox.api.warehouse.Warehouse;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The warehouses present in the box right now. Every call reads the live set of {@link Warehouse}
 * services: an answer may be stale the moment it returns (a bundle can leave at any time), so callers
 * never keep a {@code Warehouse} beyond the call that needed it.
 */
@ProviderType
public interface WarehouseRegistry {

    /** One warehouse per alg_type, sorted by alg_type. */
    List<Warehouse> warehouses();

    /** The warehouse providing {@code algType}, if present. */
    Optional<Warehouse> warehouse(int algType);

    /**
     * The warehouse that answers for event type {@code typeNum}: when several present warehouses
     * declare it (safety_alarm 13 and fire_alarm 17 both declare flame 22), the one with the lowest
     * alg_type.
     */
    Optional<Warehouse> declaring(int typeNum);

    /** The event card {@code typeNum} as {@link #declaring(int)} declares it. */
    default Optional<AlertorTypeSpec> alertorType(int typeNum) {
        return declaring(typeNum).flatMap(w -> w.descriptor().alertorType(typeNum));
    }
}
