package org.megbox.api.warehouse;

import java.util.List;
import java.util.Optional;

/**
 * Everything {@code GET /getAlgInfos} and {@code GET /getRuleTypeAttr/{typeNo}} say about one
 * algorithm warehouse (spec §26.4, §26.5). A warehouse bundle ships it as
 * {@code MEGBOX-INF/warehouse.json}; rule validation for {@code /multiAlgVideos} derives from it alone.
 */
public record WarehouseDescriptor(
        int algType,
        String itemsType,
        String version,
        double algFrameRate,
        int maskAreaNum,
        int areaMaxNum,
        IntRange roiAreaPointsRange,
        IntRange maskAreaPointsRange,
        List<AlertorTypeSpec> alertorTypes,
        AnalyzerSupport analyzer) {

    /** Where a warehouse bundle keeps its descriptor. */
    public static final String RESOURCE = "MEGBOX-INF/warehouse.json";

    public WarehouseDescriptor {
        alertorTypes = List.copyOf(alertorTypes);
    }

    public Optional<AlertorTypeSpec> alertorType(String type) {
        return alertorTypes.stream().filter(a -> a.type().equals(type)).findFirst();
    }

    public Optional<AlertorTypeSpec> alertorType(int typeNum) {
        return alertorTypes.stream().filter(a -> a.typeNum() == typeNum).findFirst();
    }
}
