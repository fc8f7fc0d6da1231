package org.megbox.warehouses.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Wire shapes of §26.4 {@code GET /getAlgInfos} and §26.5 {@code GET /getRuleTypeAttr/{typeNo}}, spelled
 * exactly as the spec spells them. Built only by {@link AlgInfoDtoMapper}; the field order is the spec
 * example's.
 */
final class AlgInfoDtos {

    private AlgInfoDtos() {
    }

    /** {@code data} of /getAlgInfos. */
    record AlgInfos(@JsonProperty("alg_infos") List<AlgInfo> algInfos) {
    }

    /** One {@code alg_infos[]} element. */
    record AlgInfo(
            @JsonProperty("alg_type") int algType,
            @JsonProperty("alg_frame_rate") double algFrameRate,
            @JsonProperty("items_type") String itemsType,
            @JsonProperty("version") String version,
            @JsonProperty("mask_area_num") int maskAreaNum,
            @JsonProperty("area_max_num") int areaMaxNum,
            @JsonProperty("roi_area_points_range") List<Integer> roiAreaPointsRange,
            @JsonProperty("mask_area_points_range") List<Integer> maskAreaPointsRange,
            @JsonProperty("alertor_type") List<AlertorType> alertorType) {
    }

    /** One {@code alertor_type[]} element of /getAlgInfos. */
    record AlertorType(
            @JsonProperty("type") String type,
            @JsonProperty("type_num") int typeNum,
            @JsonProperty("type_attr") int typeAttr,
            @JsonProperty("target_type") List<String> targetType,
            @JsonProperty("area_type") List<String> areaType) {
    }

    /** {@code data} of /getRuleTypeAttr/{typeNo}. */
    record RuleTypeAttr(
            @JsonProperty("type") String type,
            @JsonProperty("value") int value,
            @JsonProperty("attr") Attr attr) {
    }

    /** {@code attr} of /getRuleTypeAttr. */
    record Attr(
            @JsonProperty("target_type") List<String> targetType,
            @JsonProperty("area_type") List<String> areaType,
            @JsonProperty("params") List<Param> params) {
    }

    /** One {@code attr.params[]} element; {@code default} is written even when null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Param(
            @JsonProperty("param") String param,
            @JsonProperty("value_type") String valueType,
            @JsonProperty("default") Object defaultValue,
            @JsonProperty("range") List<Object> range) {
    }
}
