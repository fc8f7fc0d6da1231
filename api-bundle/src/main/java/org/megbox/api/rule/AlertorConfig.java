package org.megbox.api.rule;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code alertor_configs[]}. The generic fields are typed; every other field the
 * warehouse's descriptor declares (target_min, duration, allowed_colors, …) stays in {@code params}
 * as parsed from JSON (Number, String, List), already validated against the descriptor.
 */
public record AlertorConfig(int alertorId, List<String> alertorTypes, List<String> targetTypes,
        Map<String, Object> params) {

    public AlertorConfig {
        alertorTypes = List.copyOf(alertorTypes);
        targetTypes = List.copyOf(targetTypes);
        params = Map.copyOf(params);
    }

    public double doubleParam(String name, double fallback) {
        return params.get(name) instanceof Number n ? n.doubleValue() : fallback;
    }

    public long longParam(String name, long fallback) {
        return params.get(name) instanceof Number n ? n.longValue() : fallback;
    }
}
