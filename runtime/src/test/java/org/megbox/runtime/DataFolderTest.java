package org.megbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {

    @TempDir
    Path tmp;

    @Test
    void seedsWarehousesOnlyOnFirstInitialisation() throws Exception {
        Path warehouses = Files.createDirectories(tmp.resolve("dist/warehouses"));
        BundleDeployerTest.jar(warehouses.resolve("org.megbox.alg.fire-1.jar"), "org.megbox.alg.fire", "1", null, null);
        Files.writeString(warehouses.resolve("not-a-bundle-1.jar"), "face");
        Files.writeString(warehouses.resolve("README.txt"), "not a jar");
        BoxOptions o = new BoxOptions(8080, tmp.resolve("data"), "127.0.0.1");

        assertThat(DataFolder.prepare(o, warehouses)).hasSize(2);
        for (String d : new String[] {"felix", "db", "deploy", "pictures"}) {
            assertThat(o.dataDir().resolve(d)).isDirectory();
        }
        assertThat(o.dataDir().resolve(DataFolder.MARKER)).exists();
        assertThat(o.deployDir().resolve("org.megbox.alg.fire.jar"))
                .hasSameBinaryContentAs(warehouses.resolve("org.megbox.alg.fire-1.jar"));
        assertThat(o.deployDir().resolve("not-a-bundle-1.jar")).hasContent("face");
        assertThat(o.deployDir().resolve("README.txt")).doesNotExist();

        // the operator removes a warehouse: it stays removed
        Files.delete(o.deployDir().resolve("org.megbox.alg.fire.jar"));
        assertThat(DataFolder.prepare(o, warehouses)).isEmpty();
        assertThat(o.deployDir().resolve("org.megbox.alg.fire.jar")).doesNotExist();
        try (var s = Files.list(o.deployDir())) {
            assertThat(s).extracting(p -> p.getFileName().toString()).containsExactly("not-a-bundle-1.jar");
        }
    }

    @Test
    void worksWithoutWarehouseFolder() throws Exception {
        BoxOptions o = new BoxOptions(8080, tmp.resolve("data"), "127.0.0.1");
        assertThat(DataFolder.prepare(o, tmp.resolve("missing"))).isEmpty();
        assertThat(o.deployDir()).isDirectory();
    }

    @Test
    void lockIsExclusive() throws Exception {
        Path data = tmp.resolve("data");
        try (var first = DataFolder.lock(data)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataFolder.lock(data))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("in use");
        }
        DataFolder.lock(data).close();
    }
}
