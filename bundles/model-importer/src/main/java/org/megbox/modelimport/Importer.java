package org.megbox.modelimport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TFJS graph model → ONNX bytes. Entry point for the CLI and the tests. */
public final class Importer {

    /** Bump when the produced ONNX can change for the same input (it is recorded in the provenance). */
    public static final String VERSION = "1.0.1";

    /** The imported model. */
    public record Result(byte[] onnx, List<String> inputs, List<String> outputs, Map<String, Integer> tfOps,
            List<Path> sourceFiles) {
    }

    private Importer() {
    }

    public static Result importModel(Path modelJson) throws IOException {
        return importModel(modelJson, null);
    }

    static Result importModel(Path modelJson, String resizeOverride) throws IOException {
        TfjsModel m = TfjsModel.read(modelJson);
        String name = modelJson.getFileName().toString().replaceFirst("\\.json$", "");
        Converter c = new Converter(m, name, resizeOverride);
        List<String> outputs = c.convert();
        List<String> inputs = c.graph.inputs.stream().map(Onnx.ValueInfo::name).toList();
        c.graph.metadata.put("source", modelJson.getFileName().toString());
        c.graph.metadata.put("importer", "org.megbox.modelimport " + VERSION);
        byte[] bytes = c.graph.toModelBytes(Converter.OPSET, "org.megbox.modelimport", VERSION,
                "Imported from the TFJS graph model " + modelJson.getFileName() + " by the MegBox importer");
        List<Path> sources = new ArrayList<>();
        sources.add(modelJson);
        sources.addAll(m.weightFiles);
        return new Result(bytes, inputs, outputs, c.opCounts, sources);
    }
}
