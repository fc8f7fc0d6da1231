package org.megbox.engine.internal;

import java.util.Map;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.osgi.framework.Constants;

/** A warehouse service as the extender registers it, with the service properties DS hands the engine. */
record FakeWarehouse(WarehouseDescriptor descriptor, long serviceId) implements Warehouse {

    @Override
    public String symbolicName() {
        return "org.megbox.alg." + descriptor.itemsType();
    }

    @Override
    public String bundleVersion() {
        return "1.0.0";
    }

    Map<String, Object> properties() {
        return Map.of(Constants.SERVICE_ID, serviceId, Warehouse.ALG_TYPE, descriptor.algType());
    }
}
