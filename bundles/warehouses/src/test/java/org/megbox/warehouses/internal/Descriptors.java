package org.megbox.warehouses.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real descriptors of alg-warehouse/*, read from the source tree, and small broken ones. */
final class Descriptors {

    static final List<String> SHIPPED = List.of("perimeter", "city", "safety", "kitchen", "goods", "fire", "face",
            "structure");

    private Descriptors() {
    }

    /** surefire runs in the module directory (bundles/warehouses). */
    static Path source(String module) {
        return Path.of("../../alg-warehouse", module, "src/main/resources/MEGBOX-INF/warehouse.json");
    }

    static byte[] bytes(String module) {
        try {
            return Files.readAllBytes(source(module));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid minimal descriptor, with single quotes for readability. */
    static String minimal() {
        return """
                {'alg_type': 90, 'items_type': 'test_alarm', 'version': '1.0.0', 'alg_frame_rate': 1.0,
                 'mask_area_num': 0, 'area_max_num': 4, 'roi_area_points_range': [3, 8], 'mask_area_points_range': [3, 8],
                 'analyzer': {'available': false, 'note': 'test'},
                 'alertor_type': [{'type': 'test_event', 'type_num': 90, 'type_attr': 0, 'target_type': ['person'],
                   'area_type': ['polygon'], 'params': [
                     {'param': 'target_min', 'value_type': 'double', 'default': 0.05, 'range': [0, 1], 'required': true},
                     {'param': 'duration', 'value_type': 'int', 'default': 1, 'range': [0, 60], 'required': true}]}]}
                """;
    }

    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
