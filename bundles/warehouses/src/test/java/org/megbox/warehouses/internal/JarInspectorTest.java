package org.megbox.warehouses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarInspectorTest {

    @TempDir
    Path dir;

    /** A jar with the given main manifest attributes (null: no manifest at all) and entries. */
    static Path jar(Path dir, String name, Map<String, String> headers, Map<String, byte[]> entries)
            throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            ZipOutputStream zip;
            if (headers != null) {
                Manifest mf = new Manifest();
                mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                headers.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
                zip = new JarOutputStream(out, mf);
            } else {
                zip = new ZipOutputStream(out);
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        }
        return p;
    }

    static Map<String, String> warehouseHeaders(String bsn) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Bundle-ManifestVersion", "2");
        h.put("Bundle-SymbolicName", bsn);
        h.put("Bundle-Version", "1.2.3");
        h.put("Import-Package", "org.megbox.api.warehouse;version=\"[1.0,2)\"");
        h.put(JarInspector.HEADER, "MEGBOX-INF/warehouse.json");
        return h;
    }

    static Map<String, byte[]> descriptor(String json) {
        return Map.of("MEGBOX-INF/warehouse.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private Path valid() throws IOException {
        return jar(dir, "ok.jar", warehouseHeaders("com.vendor.alg.test; singleton:=true"),
                descriptor(new String(Descriptors.json(Descriptors.minimal()), StandardCharsets.UTF_8)));
    }

    @Test
    void aValidWarehouseJarIsAccepted() throws Exception {
        InspectedJar jar = JarInspector.inspect(valid());
        assertThat(jar.symbolicName()).isEqualTo("com.vendor.alg.test");
        assertThat(jar.version()).isEqualTo("1.2.3");
        assertThat(jar.descriptorPath()).isEqualTo("MEGBOX-INF/warehouse.json");
        assertThat(jar.descriptor().algType()).isEqualTo(90);
    }

    @Test
    void theRealTestWarehouseDescriptorIsAccepted() throws Exception {
        Path p = jar(dir, "tw.jar", warehouseHeaders("org.megbox.alg.testwarehouse"),
                Map.of("MEGBOX-INF/warehouse.json", Descriptors.bytes("test-warehouse")));
        assertThat(JarInspector.inspect(p).descriptor().itemsType()).isEqualTo("test_alarm");
    }

    @Test
    void notAZip() throws Exception {
        Path p = Files.writeString(dir.resolve("x.jar"), "this is text, not a jar");
        assertThatThrownBy(() -> JarInspector.inspect(p)).isInstanceOf(RejectedException.class)
                .hasMessageStartingWith("not a jar/zip file");
        Path empty = Files.write(dir.resolve("empty.jar"), new byte[0]);
        assertThatThrownBy(() -> JarInspector.inspect(empty)).hasMessageStartingWith("not a jar/zip file");
    }

    @Test
    void noManifest() throws Exception {
        Path p = jar(dir, "x.jar", null, descriptor("{}"));
        assertThatThrownBy(() -> JarInspector.inspect(p)).hasMessage("the jar has no META-INF/MANIFEST.MF");
    }

    @Test
    void notAnOsgiBundle() throws Exception {
        Map<String, String> h = warehouseHeaders("a.b");
        h.remove("Bundle-ManifestVersion");
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "x.jar", h, descriptor("{}"))))
                .hasMessage("not an OSGi R4+ bundle: Bundle-ManifestVersion must be 2, was missing");
        h.put("Bundle-ManifestVersion", "1");
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "y.jar", h, descriptor("{}"))))
                .hasMessage("not an OSGi R4+ bundle: Bundle-ManifestVersion must be 2, was \"1\"");
    }

    @Test
    void noOrBadSymbolicName() throws Exception {
        Map<String, String> h = warehouseHeaders("a.b");
        h.remove("Bundle-SymbolicName");
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "x.jar", h, descriptor("{}"))))
                .hasMessage("not a bundle: the manifest has no Bundle-SymbolicName");
        h.put("Bundle-SymbolicName", "a/b");
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "y.jar", h, descriptor("{}"))))
                .hasMessageStartingWith("invalid Bundle-SymbolicName");
    }

    @Test
    void badVersion() throws Exception {
        Map<String, String> h = warehouseHeaders("a.b");
        h.put("Bundle-Version", "one");
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "x.jar", h, descriptor("{}"))))
                .hasMessageStartingWith("invalid Bundle-Version \"one\"");
    }

    @Test
    void noWarehouseHeader() throws Exception {
        Map<String, String> h = warehouseHeaders("a.b");
        h.remove(JarInspector.HEADER);
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "x.jar", h, descriptor("{}"))))
                .hasMessage("not a warehouse: the manifest has no MegBox-Warehouse header");
    }

    @Test
    void headerNamesAMissingDescriptor() throws Exception {
        Map<String, String> h = warehouseHeaders("a.b");
        h.put(JarInspector.HEADER, "/MEGBOX-INF/other.json");
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "x.jar", h, descriptor("{}"))))
                .hasMessage("MegBox-Warehouse names MEGBOX-INF/other.json, which is not in the jar");
    }

    @Test
    void brokenJson() throws Exception {
        Path p = jar(dir, "x.jar", warehouseHeaders("a.b"), descriptor("{\"alg_type\": 90,"));
        assertThatThrownBy(() -> JarInspector.inspect(p))
                .hasMessageStartingWith("descriptor MEGBOX-INF/warehouse.json: $: not valid JSON");
    }

    @Test
    void invalidDescriptorNamesThePath() throws Exception {
        String json = new String(Descriptors.json(Descriptors.minimal().replace("'polygon'", "'circle'")),
                StandardCharsets.UTF_8);
        Path p = jar(dir, "x.jar", warehouseHeaders("a.b"), descriptor(json));
        assertThatThrownBy(() -> JarInspector.inspect(p))
                .hasMessageStartingWith("descriptor MEGBOX-INF/warehouse.json: alertor_type[0].area_type[0]: unknown area type \"circle\"");
    }

    @Test
    void fragmentsAreRefused() throws Exception {
        Map<String, String> h = warehouseHeaders("a.b");
        h.put("Fragment-Host", "org.megbox.api");
        assertThatThrownBy(() -> JarInspector.inspect(jar(dir, "x.jar", h, descriptor("{}"))))
                .hasMessageStartingWith("a warehouse bundle must not be a fragment");
    }

    @Test
    void aTruncatedJarIsNotComplete() throws Exception {
        Path ok = valid();
        assertThat(JarInspector.isCompleteZip(ok)).isTrue();
        byte[] all = Files.readAllBytes(ok);
        Path half = Files.write(dir.resolve("half.jar"), java.util.Arrays.copyOf(all, all.length - 10));
        assertThat(JarInspector.isCompleteZip(half)).isFalse();
    }
}
