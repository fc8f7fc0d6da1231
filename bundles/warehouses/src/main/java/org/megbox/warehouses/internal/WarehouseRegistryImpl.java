package org.megbox.warehouses.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.warehouses.WarehouseRegistry;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The live set of {@link Warehouse} services (a dynamic, multiple, greedy reference: openHAB's
 * factory-tracking pattern). Bind and unbind only record the service; every query reads the set as it is
 * at that moment. Services are kept by service id, so if two ever declared one alg_type the earlier
 * registered one is answered.
 */
@Component(service = WarehouseRegistry.class)
public final class WarehouseRegistryImpl implements WarehouseRegistry {

    private final ConcurrentSkipListMap<Long, Warehouse> live = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addWarehouse(Warehouse warehouse, Map<String, Object> properties) {
        live.put((Long) properties.get(Constants.SERVICE_ID), warehouse);
    }

    void removeWarehouse(Warehouse warehouse, Map<String, Object> properties) {
        live.remove((Long) properties.get(Constants.SERVICE_ID), warehouse);
    }

    @Override
    public List<Warehouse> warehouses() {
        Map<Integer, Warehouse> byAlgType = new LinkedHashMap<>();
        for (Warehouse w : live.values()) {
            byAlgType.putIfAbsent(w.descriptor().algType(), w);
        }
        List<Warehouse> out = new ArrayList<>(byAlgType.values());
        out.sort(Comparator.comparingInt(w -> w.descriptor().algType()));
        return out;
    }

    @Override
    public Optional<Warehouse> warehouse(int algType) {
        return live.values().stream().filter(w -> w.descriptor().algType() == algType).findFirst();
    }

    @Override
    public Optional<Warehouse> declaring(int typeNum) {
        return warehouses().stream().filter(w -> w.descriptor().alertorType(typeNum).isPresent()).findFirst();
    }
}
