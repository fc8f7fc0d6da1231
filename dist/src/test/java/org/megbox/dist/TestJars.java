package org.megbox.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The test-only warehouse bundle as the reactor built it ({@code alg-warehouse/test-warehouse}), and
 * variants of it derived for a test: a newer version, a broken descriptor, an unresolvable import.
 */
final class TestJars {

    static final String BSN = "org.megbox.alg.testwarehouse";
    static final String DESCRIPTOR = "MEGBOX-INF/warehouse.json";

    private TestJars() {
    }

    /** The reactor-built jar: system property megbox.testwarehouse.jar, else found beside dist/. */
    static Path testWarehouse() {
        String prop = System.getProperty("megbox.testwarehouse.jar");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        Path target = Path.of("..", "alg-warehouse", "test-warehouse", "target");
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("org\\.megbox\\.alg\\.testwarehouse-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("test warehouse jar not built"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] v1() {
        try {
            return Files.readAllBytes(testWarehouse());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same bundle at another Bundle-Version, its descriptor's version changed to match. */
    static byte[] withVersion(String version) {
        return rewrite(v1(), m -> {
            m.getMainAttributes().putValue("Bundle-Version", version);
            return m;
        }, json -> json.replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"" + version + "\""));
    }

    /** A descriptor that is not JSON. */
    static byte[] brokenDescriptor() {
        return rewrite(v1(), UnaryOperator.identity(), json -> json.substring(0, json.length() / 2));
    }

    /** A descriptor that parses but breaks a rule (default outside its own range). */
    static byte[] invalidDescriptor() {
        return rewrite(v1(), UnaryOperator.identity(),
                json -> json.replaceFirst("\"default\"\\s*:\\s*0\\.05", "\"default\": 7.5"));
    }

    /** A bundle importing a package nobody exports: it installs but cannot resolve. */
    static byte[] unresolvable() {
        return rewrite(v1(), m -> {
            String imports = m.getMainAttributes().getValue("Import-Package");
            String extra = "org.megbox.does.not.exist;version=\"[1,2)\"";
            m.getMainAttributes().putValue("Import-Package", imports == null ? extra : imports + "," + extra);
            return m;
        }, UnaryOperator.identity());
    }

    /** A jar without the MegBox-Warehouse header: a bundle, but not a warehouse. */
    static byte[] notAWarehouse() {
        return rewrite(v1(), m -> {
            m.getMainAttributes().remove(new Attributes.Name("MegBox-Warehouse"));
            return m;
        }, UnaryOperator.identity());
    }

    static byte[] rewrite(byte[] jar, UnaryOperator<Manifest> manifest, UnaryOperator<String> descriptor) {
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest m = manifest.apply(new Manifest(in.getManifest()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, m)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    byte[] content = readAll(in);
                    if (e.getName().equals(DESCRIPTOR)) {
                        content = descriptor.apply(new String(content, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    out.write(content);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
