package org.megbox.api.warehouse;

import java.util.List;
import java.util.Optional;

/**
 * One event (rule card) a warehouse supports: an {@code alertor_type[]} entry of §26.4 together with
 * the {@code attr} of §26.5.
 *
 * @param type        event type string of the §26.6 dictionary, e.g. {@code intrusion}
 * @param typeNum     event type number, e.g. 28; {@code /getRuleTypeAttr/{typeNo}} looks it up
 * @param typeAttr    0 no distinction, 1 perimeter, 2 behaviour (only meaningful for alg_type 14)
 * @param targetTypes supported target type strings (§26.6 target dictionary)
 * @param areaTypes   supported area type strings (§26.6 area dictionary)
 * @param params      parameters the card accepts, with type, default and range
 */
public record AlertorTypeSpec(String type, int typeNum, int typeAttr, List<String> targetTypes,
        List<String> areaTypes, List<ParamSpec> params) {

    public AlertorTypeSpec {
        targetTypes = List.copyOf(targetTypes);
        areaTypes = List.copyOf(areaTypes);
        params = List.copyOf(params);
    }

    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.param().equals(name)).findFirst();
    }
}
