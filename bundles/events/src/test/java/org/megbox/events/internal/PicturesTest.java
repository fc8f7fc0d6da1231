package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {

    @TempDir
    Path dir;

    @Test
    void urisAreRelativeHourFoldersInUtc() {
        // 2019-10-10T07:05:02.826Z
        assertThat(Pictures.uri(17, 3, 623, 1570691102826L, Pictures.Kind.FULL))
                .isEqualTo("./pictures/2019/10/10/07/17_3_623_full.jpg");
        assertThat(Pictures.uri(18, 3, 623, 1570691102826L, Pictures.Kind.CROP))
                .isEqualTo("./pictures/2019/10/10/07/18_3_623_crop.jpg");
    }

    @Test
    void onlyWellFormedUrisResolveBelowTheRoot() {
        Pictures p = new Pictures(dir, false);
        assertThat(p.resolve("./pictures/2019/10/10/07/17_3_623_full.jpg"))
                .contains(dir.resolve("2019/10/10/07/17_3_623_full.jpg"));
        assertThat(p.resolve("./pictures/2019/10/10/07/../../../../etc/passwd")).isEmpty();
        assertThat(p.resolve("./pictures/2019/10/10/07/x.jpg")).isEmpty();
        assertThat(p.resolve("/etc/passwd")).isEmpty();
        assertThat(p.resolve(null)).isEmpty();
    }

    @Test
    void writeLeavesOnlyTheCompleteFile() throws Exception {
        Pictures p = new Pictures(dir, true);
        String uri = Pictures.uri(1, 1, 5, 0, Pictures.Kind.CROP);
        assertThat(p.write(uri, new byte[] {1, 2, 3})).isEqualTo(3);
        assertThat(p.read(uri)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).containsExactly(dir.resolve("1970/01/01/00/1_1_5_crop.jpg"));
        }
        p.delete(uri);
        assertThat(p.read(uri)).isEmpty();
    }

    @Test
    void stagedPicturesAreInvisibleUntilPublishedTogether() throws Exception {
        Pictures p = new Pictures(dir, true);
        String a = Pictures.uri(1, 1, 5, 0, Pictures.Kind.FULL);
        String b = Pictures.uri(1, 1, 5, 0, Pictures.Kind.CROP);
        String c = Pictures.uri(2, 1, 6, 0, Pictures.Kind.FULL);
        List<Pictures.Staged> staged = List.of(p.stage(a, new byte[] {1}), p.stage(b, new byte[] {2, 2}),
                p.stage(c, new byte[] {3, 3, 3}));
        assertThat(p.read(a)).isEmpty();
        assertThat(p.read(c)).isEmpty();
        assertThat(p.publish(staged)).isEmpty();
        assertThat(p.read(a)).hasValueSatisfying(x -> assertThat(x).containsExactly(1));
        assertThat(p.read(b)).hasValueSatisfying(x -> assertThat(x).containsExactly(2, 2));
        assertThat(p.read(c)).hasValueSatisfying(x -> assertThat(x).containsExactly(3, 3, 3));
        assertThat(staged).allSatisfy(s -> assertThat(s.channel.isOpen()).isFalse());
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("1_1_5_full.jpg", "1_1_5_crop.jpg", "2_1_6_full.jpg");
        }
    }

    @Test
    void aPictureThatCannotBeMadeDurableIsReportedAndLeavesNoFileTheOthersArePublished() throws Exception {
        Pictures p = new Pictures(dir, true);
        String good = Pictures.uri(1, 1, 5, 0, Pictures.Kind.FULL);
        String bad = Pictures.uri(1, 1, 5, 0, Pictures.Kind.CROP);
        Pictures.Staged ok = p.stage(good, new byte[] {1});
        Pictures.Staged broken = p.stage(bad, new byte[] {2});
        broken.channel.close(); // its fsync fails
        assertThat(p.publish(List.of(ok, broken))).containsExactly(broken);
        assertThat(broken.failure).isNotNull();
        assertThat(p.read(good)).isPresent();
        assertThat(p.read(bad)).isEmpty();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).containsExactly(dir.resolve("1970/01/01/00/1_1_5_full.jpg"));
        }
    }

    @Test
    void discardedPicturesLeaveNothing() throws Exception {
        Pictures p = new Pictures(dir, true);
        Pictures.Staged s = p.stage(Pictures.uri(1, 1, 5, 0, Pictures.Kind.FULL), new byte[] {1});
        p.discard(List.of(s));
        assertThat(s.channel.isOpen()).isFalse();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void orphansTemporariesAndStrangersAreDeletedReferencedKept() throws Exception {
        Pictures p = new Pictures(dir, false);
        p.write(Pictures.uri(1, 1, 5, 0, Pictures.Kind.FULL), new byte[] {1});
        p.write(Pictures.uri(1, 1, 5, 0, Pictures.Kind.CROP), new byte[] {1});
        p.write(Pictures.uri(2, 1, 6, 3_600_000, Pictures.Kind.FULL), new byte[] {1});
        Files.write(dir.resolve("1970/01/01/00/.tmp-3_1_7_full.jpg"), new byte[] {1});
        Files.createDirectories(dir.resolve("2001/01/01/01"));
        Files.write(dir.resolve("2001/01/01/01/notes.txt"), new byte[] {1});
        int deleted = p.cleanOrphans(Set.of(1L)::contains);
        assertThat(deleted).isEqualTo(3);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("1_1_5_full.jpg", "1_1_5_crop.jpg");
        }
        assertThat(dir.resolve("1970/01/01/01")).doesNotExist();
        assertThat(dir.resolve("2001")).doesNotExist();
    }
}
