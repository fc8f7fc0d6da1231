package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled box boots, answers JSON, stops on SIGTERM and keeps its state in the data folder. */
class BoxBootIT {

    @TempDir
    Path work;

    private Box box;

    @AfterEach
    void tearDown() {
        if (box != null) {
            box.close();
        }
    }

    @Test
    void bootsAndAnswersJsonForUnknownPaths() {
        box = Box.create(work).start();

        assertThat(box.log()).contains("MegBox listening on http://127.0.0.1:" + box.port());
        assertThat(box.log()).contains("megbox.startup.millis=");
        Reply nope = box.get("/v1/MEGBOX/nope");
        assertThat(nope.is2xx()).as("%s", nope).isFalse();
        assertThat(nope.isJson()).as("%s", nope).isTrue();
        assertThat(nope.body()).doesNotContainIgnoringCase("<html");
    }

    @Test
    void sigtermExitsZeroWithinTenSecondsAndTheFelixCacheSurvives() throws Exception {
        box = Box.create(work).start();
        long bundlesSeen = countBundleDirs(box.dataDir().resolve("felix"));

        long t0 = System.nanoTime();
        int exit = box.stop();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(exit).isZero();
        assertThat(millis).isLessThan(10_000);
        assertThat(box.log()).contains("stopped");

        Path felix = box.dataDir().resolve("felix");
        assertThat(felix).isDirectory();
        // the core bundles and the seeded warehouses (installed meanwhile by org.megbox.warehouses)
        assertThat(countBundleDirs(felix)).isGreaterThanOrEqualTo(bundlesSeen).isGreaterThan(29);

        // second start on the same data folder: every core bundle comes from the cache
        box.start();
        assertThat(box.log()).contains("installed 0, updated 0, uninstalled 0");
        assertThat(box.stop()).isZero();
    }

    @Test
    void firstStartSeedsWarehousesAndADeletedOneStaysDeleted() throws Exception {
        box = Box.create(work).start();
        Path deploy = box.dataDir().resolve("deploy");
        assertThat(box.dataDir().resolve(".initialised")).exists();
        for (String dir : new String[] {"db", "deploy", "felix", "pictures"}) {
            assertThat(box.dataDir().resolve(dir)).isDirectory();
        }
        try (Stream<Path> shipped = Files.list(box.distDir().resolve("warehouses"))) {
            for (Path jar : shipped.toList()) {
                assertThat(jar.getFileName().toString()).doesNotContain("testwarehouse");
            }
        }
        Path fire = deploy.resolve("org.megbox.alg.fire.jar");
        assertThat(fire).exists();
        assertThat(deploy.resolve("org.megbox.alg.testwarehouse.jar")).doesNotExist();

        box.stop();
        Files.delete(fire);
        box.start();
        assertThat(fire).doesNotExist();
        assertThat(deploy.resolve("org.megbox.alg.face.jar")).exists();
    }

    private static long countBundleDirs(Path felix) throws Exception {
        try (Stream<Path> s = Files.list(felix)) {
            return s.filter(p -> p.getFileName().toString().matches("bundle\\d+")).count();
        }
    }
}
