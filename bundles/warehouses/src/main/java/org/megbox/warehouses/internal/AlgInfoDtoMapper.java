package org.megbox.warehouses.internal;

import java.util.List;
import org.megbox.api.warehouse.AlertorTypeSpec;
import org.megbox.api.warehouse.IntRange;
import org.megbox.api.warehouse.ParamSpec;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.api.warehouse.WarehouseDescriptor;

/** Maps descriptors to the §26.4 / §26.5 wire shapes. Stateless. */
final class AlgInfoDtoMapper {

    private AlgInfoDtoMapper() {
    }

    /** {@code alg_infos} of the given warehouses, sorted by alg_type. */
    static AlgInfoDtos.AlgInfos algInfos(List<Warehouse> warehouses) {
        return new AlgInfoDtos.AlgInfos(warehouses.stream()
                .map(Warehouse::descriptor)
                .sorted((a, b) -> Integer.compare(a.algType(), b.algType()))
                .map(AlgInfoDtoMapper::algInfo)
                .toList());
    }

    static AlgInfoDtos.AlgInfo algInfo(WarehouseDescriptor d) {
        return new AlgInfoDtos.AlgInfo(d.algType(), d.algFrameRate(), d.itemsType(), d.version(), d.maskAreaNum(),
                d.areaMaxNum(), pair(d.roiAreaPointsRange()), pair(d.maskAreaPointsRange()),
                d.alertorTypes().stream().map(AlgInfoDtoMapper::alertorType).toList());
    }

    static AlgInfoDtos.AlertorType alertorType(AlertorTypeSpec a) {
        return new AlgInfoDtos.AlertorType(a.type(), a.typeNum(), a.typeAttr(), a.targetTypes(), a.areaTypes());
    }

    static AlgInfoDtos.RuleTypeAttr ruleTypeAttr(AlertorTypeSpec a) {
        return new AlgInfoDtos.RuleTypeAttr(a.type(), a.typeNum(), new AlgInfoDtos.Attr(a.targetTypes(),
                a.areaTypes(), a.params().stream().map(AlgInfoDtoMapper::param).toList()));
    }

    static AlgInfoDtos.Param param(ParamSpec p) {
        return new AlgInfoDtos.Param(p.param(), p.valueType().wireName(), p.defaultValue(), p.range());
    }

    private static List<Integer> pair(IntRange r) {
        return List.of(r.min(), r.max());
    }
}
