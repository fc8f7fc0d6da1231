package org.megbox.warehouses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.Route;
import org.osgi.framework.Constants;

/** The §26.4/§26.5 wire shapes, spelled and ordered exactly as the spec, over a registry of real descriptors. */
class AlgInfoEndpointTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private WarehouseRegistryImpl registry;
    private AlgInfoEndpoint endpoint;
    private long serviceId;

    @BeforeEach
    void setUp() throws Exception {
        registry = new WarehouseRegistryImpl();
        endpoint = new AlgInfoEndpoint(registry);
        for (String module : new String[] {"fire", "perimeter", "safety"}) {
            add(module);
        }
    }

    private Warehouse add(String module) throws DescriptorException {
        Warehouse w = new RegisteredWarehouse("org.megbox.alg." + module, "0.1.0",
                DescriptorParser.read(Descriptors.bytes(module)));
        registry.addWarehouse(w, Map.of(Constants.SERVICE_ID, ++serviceId));
        return w;
    }

    private String json(Object data) throws Exception {
        return mapper.writeValueAsString(data);
    }

    @Test
    void routes() {
        assertThat(endpoint.routes()).extracting(Route::method, Route::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/getAlgInfos"),
                org.assertj.core.groups.Tuple.tuple("GET", "/getRuleTypeAttr/{typeNo}"));
    }

    @Test
    void getAlgInfosIsSortedByAlgTypeWithTheSpecFieldsInTheSpecOrder() throws Exception {
        String json = json(endpoint.algInfos(FakeRequest.path("x", "y")));
        assertThat(json).startsWith("{\"alg_infos\":[{\"alg_type\":13,\"alg_frame_rate\":25.0,"
                + "\"items_type\":\"safety_alarm\",\"version\":\"1.0.0\",\"mask_area_num\":0,\"area_max_num\":4,"
                + "\"roi_area_points_range\":[3,8],\"mask_area_points_range\":[3,8],\"alertor_type\":["
                + "{\"type\":\"no_safetycap\",\"type_num\":19,\"type_attr\":0,\"target_type\":[\"person\"],"
                + "\"area_type\":[\"polygon\"]},");
        assertThat(json).contains("{\"alg_type\":14,\"alg_frame_rate\":8.0,\"items_type\":\"alert_alarm\"");
        assertThat(json).contains("{\"type\":\"tripwire\",\"type_num\":29,\"type_attr\":1,"
                + "\"target_type\":[\"car\",\"cycle\",\"person\"],"
                + "\"area_type\":[\"single_line\",\"single_line_both\",\"multi_line\",\"multi_line_both\"]}");
        assertThat(json.indexOf("\"alg_type\":13")).isLessThan(json.indexOf("\"alg_type\":14"));
        assertThat(json.indexOf("\"alg_type\":14")).isLessThan(json.indexOf("\"alg_type\":17"));
        assertThat(json).doesNotContain("params", "analyzer", "required");
    }

    @Test
    void getRuleTypeAttrHasTheSpecShape() throws Exception {
        String json = json(endpoint.ruleTypeAttr(FakeRequest.path("typeNo", "20")));
        assertThat(json).isEqualTo("{\"type\":\"no_uniform\",\"value\":20,\"attr\":{\"target_type\":[\"person\"],"
                + "\"area_type\":[\"polygon\"],\"params\":["
                + "{\"param\":\"target_min\",\"value_type\":\"double\",\"default\":0.05,\"range\":[0,1]},"
                + "{\"param\":\"target_max\",\"value_type\":\"double\",\"default\":0.5,\"range\":[0,1]},"
                + "{\"param\":\"duration\",\"value_type\":\"int\",\"default\":30,\"range\":[0,60]},"
                + "{\"param\":\"cooldown_duration\",\"value_type\":\"int\",\"default\":3,\"range\":[0,1800]},"
                + "{\"param\":\"timeRange\",\"value_type\":\"array_int\",\"default\":[0,86400],\"range\":[0,86400]},"
                + "{\"param\":\"allowed_colors\",\"value_type\":\"array_string\","
                + "\"default\":[\"red\",\"blue\",\"yellow\",\"gray\"],\"range\":[\"red\",\"blue\",\"yellow\",\"gray\"]}]}}");
    }

    @Test
    void sharedEventAnswersFromTheLowestAlgType() throws Exception {
        // flame 22 is declared by safety_alarm 13 and fire_alarm 17
        assertThat(registry.declaring(22).orElseThrow().descriptor().algType()).isEqualTo(13);
        assertThat(json(endpoint.ruleTypeAttr(FakeRequest.path("typeNo", "22")))).startsWith(
                "{\"type\":\"flame\",\"value\":22,\"attr\":{\"target_type\":[\"flame\"]");
    }

    @Test
    void unknownTypeNoIs104007AndNonIntegerIs104001() {
        assertThatThrownBy(() -> endpoint.ruleTypeAttr(FakeRequest.path("typeNo", "35")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.RESOURCES_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("RESOURCES_NOT_FOUND:typeNo");
                });
        assertThatThrownBy(() -> endpoint.ruleTypeAttr(FakeRequest.path("typeNo", "abc")))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:typeNo"));
    }

    @Test
    void aLeavingWarehouseTakesItsEventsAlong() throws Exception {
        Warehouse goods = add("goods");
        assertThat(registry.alertorType(35)).isPresent();
        registry.removeWarehouse(goods, Map.of(Constants.SERVICE_ID, serviceId));
        assertThat(registry.alertorType(35)).isEmpty();
        assertThat(registry.warehouses()).extracting(w -> w.descriptor().algType()).containsExactly(13, 14, 17);
    }

    @Test
    void twoServicesForOneAlgTypeAnswerTheEarlierRegistered() throws Exception {
        Warehouse again = new RegisteredWarehouse("com.vendor.perimeter", "9.0.0",
                DescriptorParser.read(Descriptors.bytes("perimeter")));
        registry.addWarehouse(again, Map.of(Constants.SERVICE_ID, ++serviceId));
        assertThat(registry.warehouses()).hasSize(3);
        assertThat(registry.warehouse(14).orElseThrow().symbolicName()).isEqualTo("org.megbox.alg.perimeter");
    }

    @Test
    void emptyBoxAnswersAnEmptyList() throws Exception {
        WarehouseRegistryImpl empty = new WarehouseRegistryImpl();
        assertThat(json(new AlgInfoEndpoint(empty).algInfos(FakeRequest.path("x", "y")))).isEqualTo("{\"alg_infos\":[]}");
    }
}
