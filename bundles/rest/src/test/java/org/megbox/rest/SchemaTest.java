package org.megbox.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Schema MODEL_SW = Schema.of(
            Field.bool("digestMode").required(),
            Field.integer("digestMaxAuthTries").required().range(3, 10),
            Field.integer("digestUnlockTime").range(5, 30),
            Field.string("httpMode").oneOf("http", "https"));

    private static final Schema CONFIGS = Schema.of(
            Field.string("deviceName").required().bytes(1, 32),
            Field.object("modelSw", MODEL_SW).required(),
            Field.array("rules", Field.object("rule", Schema.of(
                    Field.string("name").required().bytes(1, 40),
                    Field.integer("level").oneOf(1, 2, 3)))).items(0, 3),
            Field.array("chnNos", Field.integer("chnNo").range(0, 15)));

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static ApiException refusal(Schema schema, String body) {
        return catchThrowableOfType(ApiException.class, () -> schema.validate(json(body)));
    }

    private static final String GOOD_MODEL_SW = "{'digestMode':true,'digestMaxAuthTries':6}";

    @Test
    void acceptsAValidBodyAndIgnoresUnknownFields() {
        assertThatCode(() -> CONFIGS.validate(json("{'deviceName':'box','modelSw':" + GOOD_MODEL_SW
                + ",'rules':[{'name':'r1','level':2}],'chnNos':[0,15],'extra':{'x':1}}")))
                .doesNotThrowAnyException();
    }

    @Test
    void missingIsReportedBeforeIllegalAndNamesOnlyTheMissing() {
        ApiException e = refusal(CONFIGS, "{'deviceName':'','modelSw':{'digestMode':true}}");
        assertThat(e.error()).isEqualTo(ErrorCode.MISSING_ARGUMENT);
        assertThat(e.getMessage()).isEqualTo("MISSING_ARGUMENT:modelSw.digestMaxAuthTries");
    }

    @Test
    void everyMissingFieldIsNamedInDeclarationOrder() {
        ApiException e = refusal(CONFIGS, "{}");
        assertThat(e.getMessage()).isEqualTo("MISSING_ARGUMENT:deviceName,modelSw");
    }

    @Test
    void nullCountsAsMissing() {
        ApiException e = refusal(CONFIGS, "{'deviceName':null,'modelSw':" + GOOD_MODEL_SW + "}");
        assertThat(e.getMessage()).isEqualTo("MISSING_ARGUMENT:deviceName");
    }

    @Test
    void everyIllegalFieldIsNamedWithItsNestedPath() {
        ApiException e = refusal(CONFIGS, "{'deviceName':'box','modelSw':{'digestMode':'yes',"
                + "'digestMaxAuthTries':11,'digestUnlockTime':4,'httpMode':'ftp'}}");
        assertThat(e.error()).isEqualTo(ErrorCode.ILLEGAL_ARGUMENT);
        assertThat(e.args()).containsExactly("modelSw.digestMode", "modelSw.digestMaxAuthTries",
                "modelSw.digestUnlockTime", "modelSw.httpMode");
        assertThat(e.error().code()).isEqualTo(104001);
        assertThat(e.error().httpStatus()).isEqualTo(400);
    }

    @Test
    void rangesAreInclusive() {
        for (int ok : new int[] {3, 10}) {
            assertThatCode(() -> MODEL_SW.validate(json("{'digestMode':false,'digestMaxAuthTries':" + ok + "}")))
                    .doesNotThrowAnyException();
        }
        for (int bad : new int[] {2, 11}) {
            assertThat(refusal(MODEL_SW, "{'digestMode':false,'digestMaxAuthTries':" + bad + "}").args())
                    .containsExactly("digestMaxAuthTries");
        }
    }

    @Test
    void anIntegerFieldRefusesFractionsAndStrings() {
        assertThat(refusal(MODEL_SW, "{'digestMode':false,'digestMaxAuthTries':6.5}").args())
                .containsExactly("digestMaxAuthTries");
        assertThat(refusal(MODEL_SW, "{'digestMode':false,'digestMaxAuthTries':'6'}").args())
                .containsExactly("digestMaxAuthTries");
    }

    @Test
    void arrayElementsAreNamedWithTheirIndex() {
        ApiException missing = refusal(CONFIGS, "{'deviceName':'b','modelSw':" + GOOD_MODEL_SW
                + ",'rules':[{'name':'a'},{'level':1}]}");
        assertThat(missing.getMessage()).isEqualTo("MISSING_ARGUMENT:rules[1].name");

        ApiException illegal = refusal(CONFIGS, "{'deviceName':'b','modelSw':" + GOOD_MODEL_SW
                + ",'rules':[{'name':'a','level':4}],'chnNos':[1,16,2,-1]}");
        assertThat(illegal.args()).containsExactly("rules[0].level", "chnNos[1]", "chnNos[3]");
    }

    @Test
    void arrayLengthBoundsAndTypeAreChecked() {
        assertThat(refusal(CONFIGS, "{'deviceName':'b','modelSw':" + GOOD_MODEL_SW
                + ",'rules':[{'name':'a'},{'name':'b'},{'name':'c'},{'name':'d'}]}").args())
                .containsExactly("rules");
        assertThat(refusal(CONFIGS, "{'deviceName':'b','modelSw':" + GOOD_MODEL_SW + ",'chnNos':3}").args())
                .containsExactly("chnNos");
    }

    @Test
    void oneOfForNumbersRefusesAFractionThatTruncatesIntoTheSet() {
        Schema s = Schema.of(Field.number("rate").oneOf(1, 2));
        assertThatCode(() -> s.validate(json("{'rate':2}"))).doesNotThrowAnyException();
        assertThat(refusal(s, "{'rate':1.5}").args()).containsExactly("rate");
    }

    @Test
    void oneOfToleratesRepeatedValues() {
        Schema s = Schema.of(Field.string("mode").oneOf("a", "a", "b"));
        assertThatCode(() -> s.validate(json("{'mode':'a'}"))).doesNotThrowAnyException();
        assertThat(refusal(s, "{'mode':'c'}").args()).containsExactly("mode");
    }

    @Test
    void byteLengthsCountUtf8Bytes() {
        // 10 Chinese characters = 30 bytes: fits 32; 11 = 33 bytes: does not, though only 11 chars
        String ten = "摄像头摄像头摄像头摄";
        assertThatCode(() -> CONFIGS.validate(json("{'deviceName':'" + ten + "','modelSw':" + GOOD_MODEL_SW + "}")))
                .doesNotThrowAnyException();
        assertThat(refusal(CONFIGS, "{'deviceName':'" + ten + "头','modelSw':" + GOOD_MODEL_SW + "}").args())
                .containsExactly("deviceName");
        assertThat(refusal(CONFIGS, "{'deviceName':'','modelSw':" + GOOD_MODEL_SW + "}").args())
                .containsExactly("deviceName");
    }

    @Test
    void patternAndCustomCheck() {
        Schema s = Schema.of(Field.string("ip").pattern("\\d+\\.\\d+\\.\\d+\\.\\d+"),
                Field.integer("even").check(n -> n.asInt() % 2 == 0));
        assertThatCode(() -> s.validate(json("{'ip':'10.0.0.1','even':4}"))).doesNotThrowAnyException();
        assertThat(refusal(s, "{'ip':'10.0.0','even':3}").args()).containsExactly("ip", "even");
    }

    @Test
    void aNonObjectBodyIsIllegalAsBody() {
        assertThat(refusal(CONFIGS, "[1,2]").getMessage()).isEqualTo("ILLEGAL_ARGUMENT:body");
        assertThat(refusal(CONFIGS, "3").getMessage()).isEqualTo("ILLEGAL_ARGUMENT:body");
    }
}
