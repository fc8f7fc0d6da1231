package org.megbox.warehouses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.megbox.api.warehouse.AlertorTypeSpec;
import org.megbox.api.warehouse.EventType;
import org.megbox.api.warehouse.ParamSpec;
import org.megbox.api.warehouse.TargetType;
import org.megbox.api.warehouse.ValueType;
import org.megbox.api.warehouse.WarehouseDescriptor;

class DescriptorParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"perimeter", "city", "safety", "kitchen", "goods", "fire", "face", "structure",
        "test-warehouse"})
    void everyRealDescriptorParsesAndValidates(String module) throws Exception {
        WarehouseDescriptor d = DescriptorParser.read(Descriptors.bytes(module));
        assertThat(DescriptorValidator.problems(d)).isEmpty();
        // perimeter and structure ship a COCO detector, face the face pipeline's capture; the others declare
        // capabilities only
        assertThat(d.analyzer().available()).as("analyzer bundled")
                .isEqualTo(Set.of("perimeter", "structure", "face").contains(module));
        if (d.analyzer().events() != null) {
            Set<String> declared = d.alertorTypes().stream().map(AlertorTypeSpec::type).collect(Collectors.toSet());
            assertThat(declared).containsAll(d.analyzer().events());
        }
        assertThat(d.analyzer().note()).isNotBlank();
        for (AlertorTypeSpec a : d.alertorTypes()) {
            for (ParamSpec p : a.params()) {
                assertThat(p.defaultValue()).as(a.type() + "." + p.param()).isNotNull();
                assertThat(p.accepts(p.defaultValue())).as(a.type() + "." + p.param()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"perimeter,14,alert_alarm,8.0", "city,12,city_alarm,0.5", "safety,13,safety_alarm,25.0",
        "kitchen,15,mclz_alarm,5.0", "goods,16,goods_alarm,1.0", "fire,17,fire_alarm,5.0", "face,0,face_human,10.0",
        "structure,1,structured,10.0", "test-warehouse,90,test_alarm,1.0"})
    void algTypeAndItemsTypeFollowTheDictionary(String module, int algType, String itemsType, double fps)
            throws Exception {
        WarehouseDescriptor d = DescriptorParser.read(Descriptors.bytes(module));
        assertThat(d.algType()).isEqualTo(algType);
        assertThat(d.itemsType()).isEqualTo(itemsType);
        assertThat(d.algFrameRate()).isEqualTo(fps);
        assertThat(d.areaMaxNum()).isEqualTo(4);
        assertThat(List.of(d.roiAreaPointsRange().min(), d.roiAreaPointsRange().max())).containsExactly(3, 8);
    }

    @Test
    void eventsAreThoseOfTheDictionary() throws Exception {
        assertThat(typeNums("perimeter")).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 26, 27, 28, 29, 32);
        assertThat(typeNums("city")).containsExactly(14, 15, 16, 17, 18);
        assertThat(typeNums("safety")).containsExactly(19, 20, 21, 22, 23, 24, 30, 31);
        assertThat(typeNums("kitchen")).containsExactly(33, 34);
        assertThat(typeNums("goods")).containsExactly(35);
        assertThat(typeNums("fire")).containsExactly(22, 23, 31);
        assertThat(typeNums("face")).isEmpty();
        assertThat(typeNums("structure")).isEmpty();
        for (String module : Descriptors.SHIPPED) {
            for (AlertorTypeSpec a : DescriptorParser.read(Descriptors.bytes(module)).alertorTypes()) {
                assertThat(EventType.of(a.typeNum()).orElseThrow().wireName()).isEqualTo(a.type());
                for (String t : a.targetTypes()) {
                    assertThat(TargetType.of(t)).as(module + " " + a.type() + " target " + t).isPresent();
                }
            }
        }
    }

    @Test
    void perimeterMatchesTheSpecExampleAndTypeAttr() throws Exception {
        WarehouseDescriptor d = DescriptorParser.read(Descriptors.bytes("perimeter"));
        assertThat(d.maskAreaNum()).isEqualTo(2);
        AlertorTypeSpec tripwire = d.alertorType(29).orElseThrow();
        assertThat(tripwire.targetTypes()).containsExactly("car", "cycle", "person");
        assertThat(tripwire.areaTypes()).contains("single_line", "single_line_both");
        assertThat(d.alertorType("intrusion").orElseThrow().areaTypes()).containsExactly("polygon");
        Map<Integer, Integer> attr = d.alertorTypes().stream()
                .collect(Collectors.toMap(AlertorTypeSpec::typeNum, AlertorTypeSpec::typeAttr));
        for (int perimeter : new int[] {4, 5, 6, 7, 28, 29}) {
            assertThat(attr.get(perimeter)).as("type_attr of " + perimeter).isEqualTo(1);
        }
        for (int behaviour : new int[] {8, 9, 10, 11, 12, 13, 25, 26, 27}) {
            assertThat(attr.get(behaviour)).as("type_attr of " + behaviour).isEqualTo(2);
        }
        assertThat(attr.get(32)).isZero();
        assertThat(d.alertorType("overwall").orElseThrow().param("personPreOverWall")).isPresent();
        assertThat(d.alertorType("gathering").orElseThrow().param("obj_count")).isPresent();
        assertThat(d.alertorType("person_off_duty_querying").orElseThrow().param("target_max_num")).isPresent();
    }

    @Test
    void conditionalParamsOnlyWhereTheSpecAsksForThem() throws Exception {
        Set<String> conditional = Set.of("allowed_colors", "expected_num", "target_min_num", "target_max_num",
                "obj_count", "duty_ratio", "interrupt_endurance", "personPreOverWall");
        Map<String, Set<String>> expected = Map.of(
                "no_uniform", Set.of("allowed_colors"),
                "lose_fire_equipment", Set.of("expected_num"),
                "person_off_duty_querying", Set.of("target_min_num", "target_max_num"),
                "gathering", Set.of("obj_count"),
                "sundry_detect", Set.of("duty_ratio", "interrupt_endurance"),
                "overwall", Set.of("personPreOverWall"));
        for (String module : Descriptors.SHIPPED) {
            for (AlertorTypeSpec a : DescriptorParser.read(Descriptors.bytes(module)).alertorTypes()) {
                Set<String> got = a.params().stream().map(ParamSpec::param).filter(conditional::contains)
                        .collect(Collectors.toSet());
                assertThat(got).as(module + " " + a.type()).isEqualTo(expected.getOrDefault(a.type(), Set.of()));
            }
        }
    }

    @Test
    void noUniformFollowsTheSpecTextRangesAndTheExampleDefaults() throws Exception {
        AlertorTypeSpec a = DescriptorParser.read(Descriptors.bytes("safety")).alertorType(20).orElseThrow();
        assertThat(a.param("duration").orElseThrow().range()).containsExactly(0, 60);
        assertThat(a.param("duration").orElseThrow().defaultValue()).isEqualTo(30);
        assertThat(a.param("cooldown_duration").orElseThrow().range()).containsExactly(0, 1800);
        assertThat(a.param("cooldown_duration").orElseThrow().defaultValue()).isEqualTo(3);
        ParamSpec colors = a.param("allowed_colors").orElseThrow();
        assertThat(colors.valueType()).isEqualTo(ValueType.ARRAY_STRING);
        assertThat(colors.range()).containsExactly("red", "blue", "yellow", "gray");
        assertThat(a.param("timeRange").orElseThrow().defaultValue()).isEqualTo(List.of(0, 86400));
    }

    @Test
    void minimalDescriptorParses() throws Exception {
        WarehouseDescriptor d = DescriptorParser.read(Descriptors.json(Descriptors.minimal()));
        assertThat(d.alertorTypes()).hasSize(1);
        assertThat(d.alertorTypes().get(0).params().get(0).defaultValue()).isEqualTo(0.05);
    }

    @Test
    void analyzerBlockIsOptional() throws Exception {
        String json = Descriptors.minimal().replace("'analyzer': {'available': false, 'note': 'test'},", "");
        assertThat(DescriptorParser.read(Descriptors.json(json)).analyzer().available()).isFalse();
    }

    @Test
    void analyzerEventsSayWhichDeclaredEventsAreReallyAnalysed() throws Exception {
        String base = Descriptors.minimal();
        WarehouseDescriptor all = DescriptorParser.read(Descriptors.json(
                base.replace("'available': false, 'note': 'test'", "'available': true, 'note': 'test'")));
        assertThat(all.analyzer().events()).isNull();
        assertThat(all.analyzer().analyses("test_event")).isTrue();
        WarehouseDescriptor none = DescriptorParser.read(Descriptors.json(
                base.replace("'available': false, 'note': 'test'", "'available': true, 'note': 'test', 'events': []")));
        assertThat(none.analyzer().analyses("test_event")).isFalse();
        assertThat(DescriptorValidator.problems(none)).isEmpty();
        WarehouseDescriptor unknown = DescriptorParser.parse(Descriptors.json(
                base.replace("'available': false, 'note': 'test'", "'available': true, 'note': 'test', 'events': ['fall']")));
        assertThat(DescriptorValidator.problems(unknown))
                .containsExactly("analyzer.events[0]: \"fall\" is not a declared alertor_type");
        assertThatThrownBy(() -> DescriptorParser.read(Descriptors.json(
                base.replace("'available': false, 'note': 'test'", "'available': true, 'events': 'fall'"))))
                .hasMessageContaining("analyzer.events");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what is replaced | by what | the path the error must name
        "'alg_type': 90,|'alg_type': 'x',|alg_type: must be an integer",
        "'alg_type': 90,||alg_type: required field is missing",
        "'alg_type': 90,|'alg_type': -1,|alg_type: must be >= 0",
        "'items_type': 'test_alarm'|'items_type': 'Test-Alarm'|items_type: must be a non-empty [a-z_]+",
        "'items_type': 'test_alarm'|'items_type': 'alert_alarm'|alg_type: items_type \"alert_alarm\" is alg_type 14",
        "'version': '1.0.0'|'version': ''|version: must be a non-empty",
        "'alg_frame_rate': 1.0|'alg_frame_rate': 0|alg_frame_rate: must be > 0",
        "'roi_area_points_range': [3, 8]|'roi_area_points_range': [8, 3]|roi_area_points_range: min 8 is greater",
        "'roi_area_points_range': [3, 8]|'roi_area_points_range': [3]|roi_area_points_range: must be [min, max]",
        "'mask_area_points_range': [3, 8]|'mask_area_points_range': [1, 8]|mask_area_points_range: must lie within",
        "'area_max_num': 4|'area_max_num': 0|area_max_num: must be 1..64",
        "'analyzer': {'available': false|'analyzer': {'available': 'no'|analyzer.available: required boolean",
        "'area_type': ['polygon']|'area_type': ['circle']|alertor_type[0].area_type[0]: unknown area type",
        "'area_type': ['polygon']|'area_type': []|alertor_type[0].area_type: must name at least one",
        "'type_attr': 0|'type_attr': 3|alertor_type[0].type_attr: must be 0",
        "'type_num': 90|'type_num': 28|alertor_type[0].type: type_num 28 is \"intrusion\"",
        "'type_num': 90|'type_num': 2|alertor_type[0].type_num: 2 is a legacy SDK event",
        "'type': 'test_event'|'type': 'intrusion'|alertor_type[0].type_num: \"intrusion\" is 28",
        "'value_type': 'double'|'value_type': 'float'|alertor_type[0].params[0].value_type: unknown value_type",
        "'default': 0.05|'default': 2.0|alertor_type[0].params[0].default: 2.0 is not a double within its own range",
        "'default': 1,|'default': 1.5,|alertor_type[0].params[1].default: 1.5 is not a int",
        "'range': [0, 60]|'range': [60, 0]|alertor_type[0].params[1].range: min 60 is greater than max 0",
        "'range': [0, 60]|'range': [0, 1, 2]|alertor_type[0].params[1].range: must be [min, max]",
        "'range': [0, 60]|'range': [0, 0.5]|alertor_type[0].params[1].range: must hold integers",
        "'param': 'duration'|'param': 'target_min'|alertor_type[0].params[1].param: \"target_min\" is declared twice",
        "'param': 'duration'|'param': 'alertor_id'|alertor_type[0].params[1].param: \"alertor_id\" is a structural",
        "'value_type': 'int'|'value_type': 'double'|alertor_type[0].params[1].value_type: \"duration\" is int",
        "'target_type': ['person']|'target_type': ['person', 'person']|alertor_type[0].target_type[1]: \"person\" is listed twice",
        "'target_type': ['person']|'target_type': [1]|alertor_type[0].target_type[0]: must be a string",
        "'alertor_type': [|'alertor_type': 5, 'x': [|alertor_type: must be an array",
        "'type': 'test_event'|'type': 'mask_area'|alertor_type[0].type_num: \"mask_area\" is 32",
    })
    void brokenDescriptorsAreRefusedNamingThePath(String from, String to, String expected) {
        String json = Descriptors.minimal();
        assertThat(json).contains(from);
        byte[] broken = Descriptors.json(json.replace(from, to == null ? "" : to));
        assertThatThrownBy(() -> DescriptorParser.read(broken))
                .isInstanceOf(DescriptorException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void duplicateTypesAndNumbersAreNamed() {
        String one = "{'type': 'test_event', 'type_num': 90, 'target_type': [], 'area_type': ['polygon']}";
        String two = "{'type': 'test_event', 'type_num': 91, 'target_type': [], 'area_type': ['polygon']}";
        String three = "{'type': 'other_event', 'type_num': 90, 'target_type': [], 'area_type': ['polygon']}";
        String min = Descriptors.minimal();
        String json = min.substring(0, min.indexOf("'alertor_type'")) + "'alertor_type': [" + one + ", " + two + ", "
                + three + "]}";
        assertThatThrownBy(() -> DescriptorParser.read(Descriptors.json(json)))
                .isInstanceOf(DescriptorException.class)
                .satisfies(e -> assertThat(((DescriptorException) e).problems()).containsExactly(
                        "alertor_type[1].type: \"test_event\" is already declared by alertor_type[0]",
                        "alertor_type[2].type_num: 90 is already declared by alertor_type[0]"));
    }

    @Test
    void maskAreaNeedsMaskAreaNum() {
        String json = Descriptors.minimal()
                .replace("'type': 'test_event', 'type_num': 90", "'type': 'mask_area', 'type_num': 32");
        assertThatThrownBy(() -> DescriptorParser.read(Descriptors.json(json)))
                .hasMessageContaining("alertor_type[0]: declares mask_area but mask_area_num is 0");
    }

    @Test
    void notJsonIsRefusedAtTheRoot() {
        assertThatThrownBy(() -> DescriptorParser.read("{\"alg_type\": 1,".getBytes()))
                .isInstanceOf(DescriptorException.class).hasMessageStartingWith("$: not valid JSON");
        assertThatThrownBy(() -> DescriptorParser.read("[1]".getBytes()))
                .hasMessageStartingWith("$: the descriptor must be a JSON object");
        assertThatThrownBy(() -> DescriptorParser.read("{\"a\":1}{}".getBytes()))
                .hasMessageStartingWith("$: not valid JSON");
        assertThatThrownBy(() -> DescriptorParser.read(Descriptors.json(Descriptors.minimal()
                .replace("'version': '1.0.0',", "'version': '1.0.0', 'version': '2',"))))
                .hasMessageStartingWith("$: not valid JSON: Duplicate field 'version'");
    }

    private static List<Integer> typeNums(String module) throws DescriptorException {
        return DescriptorParser.read(Descriptors.bytes(module)).alertorTypes().stream()
                .map(AlertorTypeSpec::typeNum).toList();
    }
}
