package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warehouses come and go while the box runs: over REST, through the drop folder, across restarts;
 * a jar that is not a valid warehouse is refused and leaves the box unchanged.
 */
class WarehouseHotSwapIT {

    static final List<Integer> SHIPPED_ALG_TYPES = List.of(0, 1, 12, 13, 14, 15, 16, 17);
    static final int TEST_ALG_TYPE = 90;
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path work;

    Box box;

    @BeforeEach
    void boot() {
        box = Box.create(work).start();
    }

    @AfterEach
    void tearDown() {
        box.close();
    }

    @Test
    void theEightShippedWarehousesAreListedAndHonestAboutAnalysis() {
        assertThat(algTypes()).containsExactlyElementsOf(SHIPPED_ALG_TYPES);
        JsonNode list = ok(box.get("/v1/MEGBOX/warehouses")).get("warehouses");
        assertThat(list).hasSize(8);
        for (JsonNode w : list) {
            assertThat(w.get("state").asText()).as("%s", w).isEqualTo("ACTIVE");
            assertThat(w.get("symbolicName").asText()).startsWith("org.megbox.alg.");
            assertThat(w.has("analyzer")).isTrue();
        }
        JsonNode attr = ok(box.get("/v1/MEGBOX/getRuleTypeAttr/20"));
        assertThat(attr.get("type").asText()).isEqualTo("no_uniform");
        assertThat(attr.get("value").asInt()).isEqualTo(20);
        assertThat(attr.at("/attr/params").findValuesAsText("param")).contains("target_min", "target_max",
                "duration", "cooldown_duration", "allowed_colors");
        JsonNode intrusion = null;
        for (JsonNode a : ok(box.get("/v1/MEGBOX/getAlgInfos")).get("alg_infos")) {
            if (a.get("alg_type").asInt() == 14) {
                intrusion = a;
            }
        }
        assertThat(intrusion).isNotNull();
        assertThat(intrusion.get("items_type").asText()).isEqualTo("alert_alarm");
        for (String f : new String[] {"alg_type", "alg_frame_rate", "items_type", "version", "mask_area_num",
            "area_max_num", "roi_area_points_range", "mask_area_points_range", "alertor_type"}) {
            assertThat(intrusion.has(f)).as(f).isTrue();
        }
    }

    @Test
    void installUpdateAndRemoveOverRest() {
        Reply installed = upload(TestJars.v1());
        assertThat(installed.json().get("code").asInt()).as("%s", installed).isZero();
        assertThat(algTypes()).contains(TEST_ALG_TYPE);
        assertThat(ok(box.get("/v1/MEGBOX/getRuleTypeAttr/90")).get("type").asText()).isEqualTo("test_event");
        assertThat(versionOf(TEST_ALG_TYPE)).isEqualTo("1.0.0");

        Reply updated = upload(TestJars.withVersion("2.0.0"));
        assertThat(updated.json().get("code").asInt()).as("%s", updated).isZero();
        assertThat(versionOf(TEST_ALG_TYPE)).isEqualTo("2.0.0");
        List<JsonNode> mine = warehouses(TestJars.BSN);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("version").asText()).startsWith("2.0.0");

        Reply removed = box.delete("/v1/MEGBOX/warehouses/" + TestJars.BSN);
        assertThat(removed.json().get("code").asInt()).as("%s", removed).isZero();
        assertThat(algTypes()).containsExactlyElementsOf(SHIPPED_ALG_TYPES);
        EnvelopeIT.assertError(box.get("/v1/MEGBOX/getRuleTypeAttr/90"), 400, 104007,
                "RESOURCES_NOT_FOUND:typeNo");
        assertThat(box.dataDir().resolve("deploy/" + TestJars.BSN + ".jar")).doesNotExist();

        Reply again = box.delete("/v1/MEGBOX/warehouses/" + TestJars.BSN);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asInt()).isEqualTo(104007);
    }

    @Test
    void installUpdateAndRemoveThroughTheDropFolder() throws Exception {
        Path deploy = box.dataDir().resolve("deploy");
        Path jar = deploy.resolve("vendor-test.jar");
        Path tmp = work.resolve("vendor-test.jar.tmp");
        Files.write(tmp, TestJars.v1());
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await(() -> algTypes().contains(TEST_ALG_TYPE), "drop-folder install visible in /getAlgInfos");

        Files.write(tmp, TestJars.withVersion("3.0.0"));
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await(() -> "3.0.0".equals(versionOf(TEST_ALG_TYPE)), "drop-folder update visible");

        Files.delete(jar);
        await(() -> !algTypes().contains(TEST_ALG_TYPE), "drop-folder removal visible");
        assertThat(warehouses(TestJars.BSN)).isEmpty();
    }

    @Test
    void invalidJarsAreRefusedWithTheBoxUnchanged() throws Exception {
        String before = ok(box.get("/v1/MEGBOX/warehouses")).toString();
        List<String> deployBefore = deployFiles();
        byte[][] bad = {
            "this is not a jar".getBytes(),
            TestJars.notAWarehouse(),
            TestJars.brokenDescriptor(),
            TestJars.invalidDescriptor(),
            TestJars.unresolvable(),
        };
        for (byte[] jar : bad) {
            Reply r = upload(jar);
            EnvelopeIT.assertError(r, 400, 104001, "ILLEGAL_ARGUMENT:file");
            assertThat(r.json().at("/data/reason").asText()).as("a human reason for %s", r).isNotBlank();
            assertThat(ok(box.get("/v1/MEGBOX/warehouses")).toString()).isEqualTo(before);
            assertThat(deployFiles()).isEqualTo(deployBefore);
        }
        Reply missingField = box.postMultipart("/v1/MEGBOX/warehouses",
                Box.Part.field("description", "no file part"));
        EnvelopeIT.assertError(missingField, 400, 104002, "MISSING_ARGUMENT:file");

        // a bad update must not take away the good version already installed
        assertThat(upload(TestJars.v1()).json().get("code").asInt()).isZero();
        String withTest = ok(box.get("/v1/MEGBOX/warehouses")).toString();
        EnvelopeIT.assertError(upload(TestJars.unresolvable()), 400, 104001, "ILLEGAL_ARGUMENT:file");
        assertThat(ok(box.get("/v1/MEGBOX/warehouses")).toString()).isEqualTo(withTest);
        assertThat(versionOf(TEST_ALG_TYPE)).isEqualTo("1.0.0");
    }

    @Test
    void whatWasInstalledOrRemovedStaysSoAfterRestartAndSigkill() {
        assertThat(upload(TestJars.v1()).json().get("code").asInt()).isZero();
        assertThat(box.delete("/v1/MEGBOX/warehouses/org.megbox.alg.perimeter").json().get("code").asInt())
                .isZero();
        List<Integer> expected = new ArrayList<>(SHIPPED_ALG_TYPES);
        expected.remove(Integer.valueOf(14));
        expected.add(TEST_ALG_TYPE);
        assertThat(algTypes()).containsExactlyElementsOf(expected);

        box.restart();
        assertThat(algTypes()).containsExactlyElementsOf(expected);

        box.kill9();
        box.start();
        assertThat(algTypes()).containsExactlyElementsOf(expected);
    }

    // ---- helpers

    private Reply upload(byte[] jar) {
        return box.postMultipart("/v1/MEGBOX/warehouses",
                Box.Part.file("file", "warehouse.jar", "application/java-archive", jar));
    }

    private List<Integer> algTypes() {
        List<Integer> types = new ArrayList<>();
        ok(box.get("/v1/MEGBOX/getAlgInfos")).get("alg_infos").forEach(a -> types.add(a.get("alg_type").asInt()));
        return types;
    }

    private String versionOf(int algType) {
        for (JsonNode a : ok(box.get("/v1/MEGBOX/getAlgInfos")).get("alg_infos")) {
            if (a.get("alg_type").asInt() == algType) {
                return a.get("version").asText();
            }
        }
        return null;
    }

    private List<JsonNode> warehouses(String bsn) {
        List<JsonNode> out = new ArrayList<>();
        ok(box.get("/v1/MEGBOX/warehouses")).get("warehouses").forEach(w -> {
            if (w.get("symbolicName").asText().equals(bsn)) {
                out.add(w);
            }
        });
        return out;
    }

    private List<String> deployFiles() throws Exception {
        try (var s = Files.list(box.dataDir().resolve("deploy"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static JsonNode ok(Reply r) {
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("code").asInt()).as("%s", r).isZero();
        return j.get("data");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
    }
}
