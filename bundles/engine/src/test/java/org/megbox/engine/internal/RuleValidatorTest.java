package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.megbox.api.geometry.Point;
import org.megbox.api.rule.AlertRule;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.engine.internal.RuleValidator.ValidatedRule;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;

/** Rule validation derived from the real shipped descriptors alone. */
class RuleValidatorTest {

    static final String OPTS = "alertRules.customizedOptions.";
    static final WarehouseDescriptor PERIMETER = Descriptors.perimeter();
    static final WarehouseDescriptor SAFETY = Descriptors.safety();

    static ObjectNode fixture(String name) {
        try (InputStream in = RuleValidatorTest.class.getResourceAsStream("/rules/" + name)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String singleQuoted) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An intrusion rule over a square, alertor 1; a base to break in each test. */
    static ObjectNode intrusion() {
        return json("""
                {'surveillanceEnabled': true, 'ruleIndex': 1, 'ruleEnable': true, 'algType': 14,
                 'alertRules': {'proc': 'init_rules', 'customizedOptions': {
                   'area_list': [{'area_type': 'polygon', 'area_id': 1, 'alertor_ids': [1],
                     'points': [{'x': 0.2, 'y': 0.2}, {'x': 0.8, 'y': 0.2}, {'x': 0.8, 'y': 0.8}, {'x': 0.2, 'y': 0.8}]}],
                   'alertor_configs': [{'alertor_id': 1, 'alertor_type': ['intrusion'], 'target_type': ['person'],
                     'target_min': 0.01, 'target_max': 0.5, 'duration': 2, 'cooldown_duration': 5, 'timeRange': [0, 86400]}]}}}
                """);
    }

    static ObjectNode options(ObjectNode body) {
        return (ObjectNode) body.get("alertRules").get("customizedOptions");
    }

    static ObjectNode alertor(ObjectNode body, int i) {
        return (ObjectNode) options(body).get("alertor_configs").get(i);
    }

    static ObjectNode area(ObjectNode body, int i) {
        return (ObjectNode) options(body).get("area_list").get(i);
    }

    static ValidatedRule validate(JsonNode body, WarehouseDescriptor d) {
        return RuleValidator.validate(3, body, Optional.ofNullable(d), Json.MAPPER);
    }

    static ApiException refused(JsonNode body, WarehouseDescriptor d) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> validate(body, d));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    static void assertIllegal(JsonNode body, String... fields) {
        ApiException e = refused(body, PERIMETER);
        assertThat(e.error()).isEqualTo(ErrorCode.ILLEGAL_ARGUMENT);
        assertThat(e.args()).containsExactly(fields);
    }

    static void assertMissing(JsonNode body, String... fields) {
        ApiException e = refused(body, PERIMETER);
        assertThat(e.error()).isEqualTo(ErrorCode.MISSING_ARGUMENT);
        assertThat(e.args()).containsExactly(fields);
    }

    @Test
    void specExample1VehicleTripwireWithMask() {
        ValidatedRule v = validate(fixture("spec-example-1.json"), PERIMETER);
        AlertRule r = v.rule();
        assertThat(r.videoNo()).isEqualTo(3);
        assertThat(r.algType()).isEqualTo(14);
        assertThat(r.ruleIndex()).isEqualTo(1);
        assertThat(r.enabled()).isTrue();
        assertThat(r.areas()).hasSize(2);
        assertThat(r.areas().get(0).lines()).containsExactly(java.util.List.of(new Point(0.18, 0.77), new Point(0.42, 0.74)));
        assertThat(r.alertors().get(0).alertorTypes()).containsExactly("tripwire");
        assertThat(r.alertors().get(0).targetTypes()).containsExactly("car");
        assertThat(r.alertors().get(0).longParam("cooldown_duration", -1)).isEqualTo(1);
        assertThat(r.alertors().get(1).alertorTypes()).containsExactly("mask_area");
        // the mask card declares no params: those given are not stored
        assertThat(r.alertors().get(1).params()).isEmpty();
        assertThat(v.alertRules().get("customizedOptions").get("alertor_configs").get(1).has("duration")).isFalse();
        assertThat(v.alertRules().get("fps").asInt()).isEqualTo(8);
    }

    @Test
    void specExample2SafetyUniform() {
        ValidatedRule v = validate(fixture("spec-example-2.json"), SAFETY);
        assertThat(v.rule().alertors().get(0).params()).containsEntry("allowed_colors", java.util.List.of("red"))
                .containsEntry("duration", 2L);
        assertThat(v.alertRules().get("customizedOptions").get("alertor_configs").get(0).get("allowed_colors").get(0)
                .asText()).isEqualTo("red");
    }

    @Test
    void specExample2AsPrintedHasAnUnknownTargetType() {
        ObjectNode body = fixture("spec-example-2.json");
        ((ArrayNode) alertor(body, 0).get("target_type")).removeAll().add("uniform");
        ApiException e = refused(body, SAFETY);
        assertThat(e.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:" + OPTS + "alertor_configs[0].target_type[0]");
    }

    @Test
    void requiredParamOfTheDescriptorMissing() {
        ObjectNode body = intrusion();
        alertor(body, 0).remove("duration");
        assertMissing(body, OPTS + "alertor_configs[0].duration");
    }

    @Test
    void conditionalParamRequiredOnlyForItsEvent() {
        ObjectNode body = fixture("spec-example-2.json");
        alertor(body, 0).remove("allowed_colors");
        ApiException e = refused(body, SAFETY);
        assertThat(e.getMessage()).isEqualTo("MISSING_ARGUMENT:" + OPTS + "alertor_configs[0].allowed_colors");
    }

    @Test
    void paramOutOfItsDeclaredRangeOrType() {
        ObjectNode body = intrusion();
        alertor(body, 0).put("duration", 61);
        assertIllegal(body, OPTS + "alertor_configs[0].duration");
        body = intrusion();
        alertor(body, 0).put("duration", 1.5);
        assertIllegal(body, OPTS + "alertor_configs[0].duration");
        body = intrusion();
        alertor(body, 0).put("cooldown_duration", "5");
        assertIllegal(body, OPTS + "alertor_configs[0].cooldown_duration");
        body = fixture("spec-example-2.json");
        ((ArrayNode) alertor(body, 0).get("allowed_colors")).add("green");
        assertThat(refused(body, SAFETY).args()).containsExactly(OPTS + "alertor_configs[0].allowed_colors");
    }

    @Test
    void targetMinMustBeBelowTargetMax() {
        ObjectNode body = intrusion();
        alertor(body, 0).put("target_min", 0.5);
        assertIllegal(body, OPTS + "alertor_configs[0].target_min");
    }

    @Test
    void offDutyCountsOrdered() {
        ObjectNode body = intrusion();
        ObjectNode a = alertor(body, 0);
        ((ArrayNode) a.get("alertor_type")).removeAll().add("person_off_duty_querying");
        a.put("target_min_num", 3);
        assertMissing(body, OPTS + "alertor_configs[0].target_max_num");
        a.put("target_max_num", 2);
        assertIllegal(body, OPTS + "alertor_configs[0].target_min_num");
        a.put("target_max_num", 3);
        assertThat(validate(body, PERIMETER).rule().alertors().get(0).longParam("target_max_num", 0)).isEqualTo(3);
    }

    @Test
    void timeRangeNeedsTwoDistinctSecondsOfDay() {
        ObjectNode body = intrusion();
        ((ArrayNode) alertor(body, 0).get("timeRange")).add(5);
        assertIllegal(body, OPTS + "alertor_configs[0].timeRange");
        body = intrusion();
        alertor(body, 0).set("timeRange", json("{'t': [0, 90000]}").get("t"));
        assertIllegal(body, OPTS + "alertor_configs[0].timeRange");
        body = intrusion();
        alertor(body, 0).set("timeRange", json("{'t': [79200, 21600]}").get("t")); // 22:00 to 06:00
        assertThat(validate(body, PERIMETER).rule()).isNotNull();
    }

    @Test
    void algTypeWithoutPresentWarehouseIsIllegal() {
        ApiException e = refused(intrusion(), null);
        assertThat(e.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:algType");
    }

    @Test
    void genericStructureFromTheSchema() {
        ObjectNode body = intrusion();
        body.remove("ruleIndex");
        assertMissing(body, "ruleIndex");
        body = intrusion();
        body.put("ruleIndex", 3);
        assertIllegal(body, "ruleIndex");
        body = intrusion();
        ((ObjectNode) body.get("alertRules")).put("proc", "run");
        assertIllegal(body, "alertRules.proc");
        body = intrusion();
        ((ObjectNode) body.get("alertRules")).put("width", 4000);
        assertIllegal(body, "alertRules.width");
        body = intrusion();
        area(body, 0).remove("area_id");
        assertMissing(body, OPTS + "area_list[0].area_id");
        body = intrusion();
        alertor(body, 0).remove("target_type");
        assertMissing(body, OPTS + "alertor_configs[0].target_type");
    }

    @Test
    void alertorTypeMustBeDeclaredByTheWarehouse() {
        ObjectNode body = intrusion();
        ((ArrayNode) alertor(body, 0).get("alertor_type")).removeAll().add("no_uniform");
        assertIllegal(body, OPTS + "alertor_configs[0].alertor_type[0]");
    }

    @Test
    void targetTypeMustBeSupportedByTheEvent() {
        ObjectNode body = intrusion();
        ((ArrayNode) alertor(body, 0).get("target_type")).add("flame");
        assertIllegal(body, OPTS + "alertor_configs[0].target_type[1]");
    }

    @Test
    void areaTypeMustBeInTheDictionaryAndSupportedByItsAlertors() {
        ObjectNode body = intrusion();
        area(body, 0).put("area_type", "circle");
        assertIllegal(body, OPTS + "area_list[0].area_type");
        body = intrusion();
        area(body, 0).put("area_type", "single_line");
        area(body, 0).set("points", json("{'p': [{'x': 0.1, 'y': 0.5}, {'x': 0.9, 'y': 0.5}]}").get("p"));
        assertIllegal(body, OPTS + "area_list[0].area_type"); // intrusion: polygon only
    }

    @Test
    void pointCountsWithinTheDescriptorsRanges() {
        ObjectNode body = intrusion();
        ((ArrayNode) area(body, 0).get("points")).remove(3);
        ((ArrayNode) area(body, 0).get("points")).remove(2);
        assertIllegal(body, OPTS + "area_list[0].points");
        body = intrusion();
        ArrayNode pts = (ArrayNode) area(body, 0).get("points");
        for (int i = 0; i < 5; i++) {
            pts.add(json("{'x': 0.2, 'y': 0.5}"));
        }
        assertIllegal(body, OPTS + "area_list[0].points"); // 9 > roi_area_points_range [3, 8]
    }

    @Test
    void coordinatesAreNormalised() {
        ObjectNode body = intrusion();
        ((ObjectNode) area(body, 0).get("points").get(1)).put("x", 1.2);
        assertIllegal(body, OPTS + "area_list[0].points[1].x");
        body = intrusion();
        ((ObjectNode) area(body, 0).get("points").get(2)).remove("y");
        assertMissing(body, OPTS + "area_list[0].points[2].y");
    }

    @Test
    void areaIdsAndAlertorIdsUniqueAndReferenced() {
        ObjectNode body = intrusion();
        ((ArrayNode) options(body).get("area_list")).add(area(body, 0).deepCopy());
        assertIllegal(body, OPTS + "area_list[1].area_id");
        body = intrusion();
        ((ArrayNode) options(body).get("alertor_configs")).add(alertor(body, 0).deepCopy());
        assertIllegal(body, OPTS + "alertor_configs[1].alertor_id");
        body = intrusion();
        ((ArrayNode) area(body, 0).get("alertor_ids")).add(7);
        assertIllegal(body, OPTS + "area_list[0].alertor_ids[1]");
        body = intrusion();
        ((ArrayNode) area(body, 0).get("alertor_ids")).removeAll();
        assertIllegal(body, OPTS + "area_list[0].alertor_ids");
    }

    @Test
    void areaCountAndMaskCountWithinTheDescriptor() {
        ObjectNode body = intrusion();
        ArrayNode list = (ArrayNode) options(body).get("area_list");
        for (int i = 2; i <= 5; i++) {
            list.add(area(body, 0).deepCopy().put("area_id", i));
        }
        assertIllegal(body, OPTS + "area_list"); // 5 > area_max_num 4
        body = fixture("spec-example-1.json");
        ArrayNode areas = (ArrayNode) options(body).get("area_list");
        areas.add(area(body, 1).deepCopy().put("area_id", 3));
        assertThat(validate(body, PERIMETER).rule().areas()).hasSize(3); // 2 masks = mask_area_num
        areas.add(area(body, 1).deepCopy().put("area_id", 4));
        assertIllegal(body, OPTS + "area_list");
    }

    @Test
    void maskAreaIsOnlyAMaskAndRespectsItsPointRange() {
        ObjectNode body = fixture("spec-example-1.json");
        ((ArrayNode) area(body, 1).get("alertor_ids")).add(1);
        // alertor 1 is a tripwire on a polygon (illegal area type) and a mask area may not also alert
        assertThat(refused(body, PERIMETER).args()).contains(OPTS + "area_list[1].alertor_ids");
        body = fixture("spec-example-1.json");
        ((ArrayNode) alertor(body, 1).get("alertor_type")).add("intrusion");
        alertor(body, 1).put("target_min", 0.01).put("target_max", 0.5);
        assertThat(refused(body, PERIMETER).args()).contains(OPTS + "alertor_configs[1].alertor_type");
    }

    @Test
    void masksAreRefusedWithFight() {
        ObjectNode body = fixture("spec-example-1.json");
        ObjectNode fight = alertor(body, 0).deepCopy();
        fight.put("alertor_id", 3);
        ((ArrayNode) fight.get("alertor_type")).removeAll().add("fight");
        ((ArrayNode) fight.get("target_type")).removeAll().add("fighter");
        ((ArrayNode) options(body).get("alertor_configs")).add(fight);
        ObjectNode area = area(body, 1).deepCopy().put("area_id", 3);
        ((ArrayNode) area.get("alertor_ids")).removeAll().add(3);
        ((ArrayNode) options(body).get("area_list")).add(area);
        assertIllegal(body, OPTS + "area_list[1].alertor_ids");
    }

    @Test
    void doubleTripwireIsTwoPointLists() {
        ObjectNode body = intrusion();
        ObjectNode a = alertor(body, 0);
        ((ArrayNode) a.get("alertor_type")).removeAll().add("tripwire");
        area(body, 0).put("area_type", "multi_line");
        area(body, 0).set("points", json("""
                {'p': [[{'x': 0.2, 'y': 0.5}, {'x': 0.8, 'y': 0.5}], [{'x': 0.2, 'y': 0.6}, {'x': 0.8, 'y': 0.6}]]}
                """).get("p"));
        AlertRule r = validate(body, PERIMETER).rule();
        assertThat(r.areas().get(0).lines()).hasSize(2);
        assertThat(r.areas().get(0).lines().get(1)).containsExactly(new Point(0.2, 0.6), new Point(0.8, 0.6));

        area(body, 0).set("points", json("{'p': [[{'x': 0.2, 'y': 0.5}, {'x': 0.8, 'y': 0.5}]]}").get("p"));
        assertIllegal(body, OPTS + "area_list[0].points");
        area(body, 0).set("points", json("{'p': [{'x': 0.2, 'y': 0.5}, {'x': 0.8, 'y': 0.5}]}").get("p"));
        assertIllegal(body, OPTS + "area_list[0].points[0]", OPTS + "area_list[0].points[1]");
        area(body, 0).set("points", json("{'p': [[{'x': 0.2, 'y': 0.5}], [{'x': 0.2, 'y': 0.6}, {'x': 0.8, 'y': 0.6}]]}").get("p"));
        assertIllegal(body, OPTS + "area_list[0].points[0]");
    }

    @Test
    void singleLineNeedsTwoPoints() {
        ObjectNode body = fixture("spec-example-1.json");
        ((ArrayNode) area(body, 0).get("points")).remove(1);
        assertIllegal(body, OPTS + "area_list[0].points");
    }

    @Test
    void optionalParamTakesTheDescriptorsDefault() {
        // goods: duty_ratio optional, default 0.3
        WarehouseDescriptor goods = Descriptors.shipped("goods");
        ObjectNode body = intrusion();
        body.put("algType", 16);
        ObjectNode a = alertor(body, 0);
        ((ArrayNode) a.get("alertor_type")).removeAll().add("sundry_detect");
        ((ArrayNode) a.get("target_type")).removeAll().add("sundry");
        a.put("interrupt_endurance", 5);
        AlertRule r = validate(body, goods).rule();
        assertThat(r.alertors().get(0).doubleParam("duty_ratio", -1)).isEqualTo(0.3);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        ObjectNode body = intrusion();
        alertor(body, 0).put("duration", 100);
        ((ObjectNode) area(body, 0).get("points").get(0)).put("x", -1);
        assertIllegal(body, OPTS + "alertor_configs[0].duration", OPTS + "area_list[0].points[0].x");
    }
}
