package org.megbox.warehouses.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestHeadersTest {

    @Test
    void clausesWithQuotedRangesAndDirectives() {
        List<ManifestHeaders.Clause> c = ManifestHeaders.parse(
                "org.megbox.api.warehouse;version=\"[1.0,2)\",a.b;c.d;version:Version=1.2;resolution:=optional, e.f");
        assertThat(c).hasSize(3);
        assertThat(c.get(0).paths()).containsExactly("org.megbox.api.warehouse");
        assertThat(c.get(0).attributes()).containsEntry("version", "[1.0,2)");
        assertThat(c.get(1).paths()).containsExactly("a.b", "c.d");
        assertThat(c.get(1).attributes()).containsEntry("version", "1.2");
        assertThat(c.get(1).directives()).containsEntry("resolution", "optional");
        assertThat(c.get(2).paths()).containsExactly("e.f");
    }

    @Test
    void emptyOrMissingHeader() {
        assertThat(ManifestHeaders.parse(null)).isEmpty();
        assertThat(ManifestHeaders.parse("  ")).isEmpty();
    }
}
