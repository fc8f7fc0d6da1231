package org.megbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoxOptionsTest {

    @Test
    void defaults() {
        BoxOptions o = BoxOptions.parse(new String[0], Map.of());
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(o.dataDir().isAbsolute()).isTrue();
    }

    @Test
    void environmentOverridesDefaults() {
        BoxOptions o = BoxOptions.parse(new String[0],
                Map.of("MEGBOX_PORT", "9090", "MEGBOX_DATA", "/tmp/x/../y", "MEGBOX_HOST", "127.0.0.1"));
        assertThat(o.port()).isEqualTo(9090);
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/y"));
        assertThat(o.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void commandLineWinsOverEnvironment() {
        BoxOptions o = BoxOptions.parse(new String[] {"--port", "18080", "--data=/srv/box", "--host", "::1"},
                Map.of("MEGBOX_PORT", "9090", "MEGBOX_DATA", "/tmp/y", "MEGBOX_HOST", "127.0.0.1"));
        assertThat(o.port()).isEqualTo(18080);
        assertThat(o.dataDir()).isEqualTo(Path.of("/srv/box"));
        assertThat(o.host()).isEqualTo("::1");
    }

    @Test
    void blankEnvironmentIsIgnored() {
        BoxOptions o = BoxOptions.parse(new String[0], Map.of("MEGBOX_PORT", " ", "MEGBOX_HOST", ""));
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> BoxOptions.parse(new String[] {"--port", "http"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
        assertThatThrownBy(() -> BoxOptions.parse(new String[] {"--port", "70000"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> BoxOptions.parse(new String[0], Map.of("MEGBOX_PORT", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MEGBOX_PORT");
        assertThatThrownBy(() -> BoxOptions.parse(new String[] {"--data"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing value");
        assertThatThrownBy(() -> BoxOptions.parse(new String[] {"--verbose"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BoxOptions.parse(new String[] {"--host="}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void help() {
        assertThatThrownBy(() -> BoxOptions.parse(new String[] {"--help"}, Map.of()))
                .isInstanceOf(BoxOptions.HelpRequested.class);
    }

    @Test
    void dataLayout() {
        BoxOptions o = new BoxOptions(1, Path.of("/d"), "h");
        assertThat(o.felixDir()).isEqualTo(Path.of("/d/felix"));
        assertThat(o.dbDir()).isEqualTo(Path.of("/d/db"));
        assertThat(o.deployDir()).isEqualTo(Path.of("/d/deploy"));
        assertThat(o.picturesDir()).isEqualTo(Path.of("/d/pictures"));
    }
}
