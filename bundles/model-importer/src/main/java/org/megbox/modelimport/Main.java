package org.megbox.modelimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code java -cp ... org.megbox.modelimport.Main <model.json> <out.onnx> [<model.json> <out.onnx> ...]}
 *
 * <p>Writes each ONNX file plus {@code <out>.provenance.json}: npm package, version and license (read from
 * the {@code package.json} found above the model, overridable with {@code -Dmegbox.model.package=},
 * {@code .version=}, {@code .license=}), SHA-256 of every source file and of the ONNX, importer version.
 * An output newer than its sources and made by the same importer version is left alone, so repeated
 * builds cost nothing.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: Main <model.json> <out.onnx> [<model.json> <out.onnx> ...]");
            System.exit(2);
        }
        for (int k = 0; k < args.length; k += 2) {
            run(Path.of(args[k]), Path.of(args[k + 1]));
        }
    }

    static void run(Path modelJson, Path out) throws IOException {
        if (!Files.isRegularFile(modelJson)) {
            throw new IOException("model not found: " + modelJson + " (the build fetches it with npm; see docs/models.md)");
        }
        Path prov = out.resolveSibling(out.getFileName() + ".provenance.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (upToDate(json, modelJson, out, prov)) {
            System.out.println("up to date: " + out);
            return;
        }
        long t0 = System.nanoTime();
        Importer.Result r = Importer.importModel(modelJson);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.write(tmp, r.onnx());
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        ObjectNode p = json.createObjectNode();
        JsonNode pkg = findPackageJson(json, modelJson);
        p.put("package", System.getProperty("megbox.model.package", pkg == null ? "unknown" : pkg.path("name").asText()));
        p.put("version", System.getProperty("megbox.model.version", pkg == null ? "unknown" : pkg.path("version").asText()));
        p.put("license", System.getProperty("megbox.model.license", pkg == null ? "unknown" : pkg.path("license").asText("MIT")));
        p.put("model", modelJson.getFileName().toString().replaceFirst("\\.json$", ""));
        ArrayNode src = p.putArray("sources");
        for (Path f : r.sourceFiles()) {
            src.addObject().put("file", f.getFileName().toString()).put("sha256", sha256(f)).put("bytes", Files.size(f));
        }
        p.putObject("onnx").put("file", out.getFileName().toString()).put("sha256", sha256(out))
                .put("bytes", Files.size(out)).put("opset", Converter.OPSET);
        p.putObject("importer").put("name", "org.megbox.modelimport").put("version", Importer.VERSION);
        r.inputs().forEach(p.withArray("inputs")::add);
        r.outputs().forEach(p.withArray("outputs")::add);
        ObjectNode ops = p.putObject("tfOps");
        for (Map.Entry<String, Integer> e : r.tfOps().entrySet()) {
            ops.put(e.getKey(), e.getValue());
        }
        json.writeValue(prov.toFile(), p);
        System.out.printf("imported %s -> %s (%d bytes, %d ms)%n", modelJson, out, r.onnx().length,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static boolean upToDate(ObjectMapper json, Path modelJson, Path out, Path prov) {
        try {
            if (!Files.isRegularFile(out) || !Files.isRegularFile(prov)) {
                return false;
            }
            JsonNode p = json.readTree(prov.toFile());
            if (!Importer.VERSION.equals(p.path("importer").path("version").asText())
                    || !sha256(out).equals(p.path("onnx").path("sha256").asText())) {
                return false;
            }
            Path dir = modelJson.toAbsolutePath().getParent();
            for (JsonNode s : p.path("sources")) {
                Path f = dir.resolve(s.path("file").asText());
                if (!Files.isRegularFile(f) || !sha256(f).equals(s.path("sha256").asText())) {
                    return false;
                }
            }
            return p.path("sources").size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode findPackageJson(ObjectMapper json, Path modelJson) throws IOException {
        for (Path d = modelJson.toAbsolutePath().getParent(); d != null; d = d.getParent()) {
            Path pj = d.resolve("package.json");
            if (Files.isRegularFile(pj)) {
                return json.readTree(pj.toFile());
            }
        }
        return null;
    }

    static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
