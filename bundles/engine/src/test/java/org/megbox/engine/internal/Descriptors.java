package org.megbox.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.warehouses.internal.DescriptorException;
import org.megbox.warehouses.internal.DescriptorParser;

/** The real descriptors of alg-warehouse/*, parsed and validated by the warehouses bundle's own parser. */
final class Descriptors {

    private Descriptors() {
    }

    /** surefire runs in the module directory (bundles/engine). */
    static WarehouseDescriptor shipped(String module) {
        try {
            return DescriptorParser.read(Files.readAllBytes(
                    Path.of("../../alg-warehouse", module, "src/main/resources/MEGBOX-INF/warehouse.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DescriptorException e) {
            throw new IllegalStateException(e);
        }
    }

    static WarehouseDescriptor perimeter() {
        return shipped("perimeter");
    }

    static WarehouseDescriptor safety() {
        return shipped("safety");
    }
}
