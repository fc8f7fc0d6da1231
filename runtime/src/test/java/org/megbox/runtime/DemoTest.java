package org.megbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @TempDir
    Path dir;

    @Test
    void offTheDefault() {
        assertThat(System.getProperty(Demo.PROPERTY)).isNull();
        assertThat(Demo.requested()).isFalse();
    }

    @Test
    void theClipIsDebiansFileOrItsGzUnpackedOnceIntoTheDataFolder() throws Exception {
        Path data = dir.resolve("data");
        Path plain = dir.resolve("doc/vtest.avi");
        assertThat(Demo.clip(data, plain)).as("no clip: no demo").isNull();

        Files.createDirectories(plain.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(plain + ".gz")))) {
            out.write("RIFF avi bytes".getBytes());
        }
        Path unpacked = Demo.clip(data, plain);
        assertThat(unpacked).isEqualTo(data.resolve("demo/vtest.avi").toAbsolutePath().normalize());
        assertThat(Files.readString(unpacked)).isEqualTo("RIFF avi bytes");
        assertThat(Demo.clip(data, plain)).isEqualTo(unpacked);

        Files.writeString(plain, "plain");
        assertThat(Demo.clip(data, plain)).isEqualTo(plain.toAbsolutePath());
    }

    @Test
    void theRuleIsAnIntrusionRuleOfThePerimeterWarehouse() {
        assertThat(Demo.RULE).contains("\"algType\": 14", "\"alertor_type\": [\"intrusion\"]",
                "\"target_type\": [\"person\"]");
    }
}
