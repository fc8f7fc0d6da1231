package org.megbox.warehouses.internal;

import java.util.List;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.warehouses.WarehouseRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * §26.4 {@code GET /getAlgInfos} and §26.5 {@code GET /getRuleTypeAttr/{typeNo}}, answered from the
 * warehouses present at the moment of the call.
 *
 * <p>{@code typeNo} not an integer: 104001 {@code ILLEGAL_ARGUMENT:typeNo}; no present warehouse declares
 * it: 104007 {@code RESOURCES_NOT_FOUND:typeNo}; several do: the one with the lowest alg_type answers.
 */
@Component(service = RestEndpoint.class)
public final class AlgInfoEndpoint implements RestEndpoint {

    private final WarehouseRegistry registry;

    @Activate
    public AlgInfoEndpoint(@Reference WarehouseRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/getAlgInfos", this::algInfos),
                Route.get("/getRuleTypeAttr/{typeNo}", this::ruleTypeAttr));
    }

    Object algInfos(RestRequest request) {
        return AlgInfoDtoMapper.algInfos(registry.warehouses());
    }

    Object ruleTypeAttr(RestRequest request) {
        int typeNo = request.pathInt("typeNo");
        return registry.alertorType(typeNo)
                .map(AlgInfoDtoMapper::ruleTypeAttr)
                .orElseThrow(() -> new ApiException(ErrorCode.RESOURCES_NOT_FOUND, "typeNo"));
    }
}
