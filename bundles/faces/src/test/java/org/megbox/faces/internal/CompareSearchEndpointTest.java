package org.megbox.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.megbox.faces.internal.Library.file;
import static org.megbox.faces.internal.Library.picture;
import static org.megbox.faces.internal.Library.req;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.megbox.faces.FaceLibrary;

class CompareSearchEndpointTest extends LibraryTest {

    /** Groups A and B, five faces in A and one in B. */
    @BeforeEach
    void enrolSixFaces() throws Exception {
        assertThat(createGroup("A")).isZero();
        assertThat(createGroup("B")).isZero();
        for (int i = 0; i < 6; i++) {
            enrol(upload(picture(i, 300, 300), "p" + i).formField("group", i < 5 ? "[\"A\"]" : "[\"B\"]"));
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> search(byte[] image, String groups) throws Exception {
        return (Map<String, Object>) lib.call("POST", "/search",
                req("POST", "/search").file("image", file("image", image)).formField("group", groups));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> top(Map<String, Object> reply, int n) {
        return (Map<String, Object>) reply.get("top" + n);
    }

    @Test
    void searchFindsTheSamePictureFirstWithinTheGroups() throws Exception {
        Map<String, Object> r = search(picture(3, 400, 400), "[{\"groupName\":\"A\"}]");
        assertThat(r).containsKeys("detectionResult", "top1", "top5").doesNotContainKey("top6");
        assertThat(top(r, 1).get("description")).isEqualTo("p3");
        assertThat((double) top(r, 1).get("searchScore")).isGreaterThan(99.0)
                .isGreaterThan((double) top(r, 2).get("searchScore"));
        assertThat(top(r, 1).get("group")).isEqualTo(List.of(Map.of("groupName", "A")));
        assertThat((String) top(r, 1).get("imageUrl")).startsWith("./face_data/").endsWith(".jpg");
        @SuppressWarnings("unchecked")
        Map<String, Object> det = (Map<String, Object>) r.get("detectionResult");
        assertThat(det).containsKeys("left", "top", "right", "bottom", "roll", "yaw", "pitch", "blurness", "quality",
                "age").doesNotContainKey("livenessScore");
        // picture 5 is only in B
        Map<String, Object> inA = search(picture(5, 300, 300), "A");
        assertThat(inA.values().stream().filter(v -> v instanceof Map<?, ?> m && "p5".equals(m.get("description"))))
                .isEmpty();
        assertThat(top(search(picture(5, 300, 300), "[\"A\",\"B\"]"), 1).get("description")).isEqualTo("p5");
        assertThat(lib.code("POST", "/search", req("POST", "/search").file("image", file("image", picture(1, 300, 300)))))
                .isEqualTo(104002);
        assertThat(lib.code("POST", "/search", req("POST", "/search").file("image", file("image", picture(1, 300, 300)))
                .formField("group", "[\"Z\"]"))).isEqualTo(104301);
        assertThat(lib.code("POST", "/search", req("POST", "/search")
                .file("image", file("image", Library.black(300, 300))).formField("group", "A"))).isEqualTo(104202);
    }

    @Test
    void compareScoresSameHighAndOthersLower() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> same = (Map<String, Object>) lib.call("POST", "/compare", req("POST", "/compare")
                .file("image1", file("image1", picture(7, 300, 300)))
                .file("image2", file("image2", picture(7, 200, 260))));
        @SuppressWarnings("unchecked")
        Map<String, Object> other = (Map<String, Object>) lib.call("POST", "/compare", req("POST", "/compare")
                .file("image1", file("image1", picture(7, 300, 300)))
                .file("image2", file("image2", picture(8, 300, 300))));
        assertThat((double) same.get("compareScore")).isGreaterThan(95.0)
                .isGreaterThan((double) other.get("compareScore"));
        assertThat(same).containsKeys("detectionResult1", "detectionResult2");
        assertThat(lib.code("POST", "/compare", req("POST", "/compare")
                .file("image1", file("image1", picture(7, 300, 300)))
                .file("image2", file("image2", picture(8, 300, 300))).formField("livenessEnabled", "true")))
                .isEqualTo(104001);
    }

    @Test
    void theLibraryServiceSearchesByDescriptorAndHandsOutCrops() throws Exception {
        float[] query = lib.analysis.analyze(UploadedImage.check("q", picture(2, 300, 300)).frame()).get(0)
                .description().get().descriptor();
        List<FaceLibrary.Match> all = lib.service.search(query, "stub-1", List.of(), 10, 0f);
        assertThat(all).hasSize(6);
        assertThat(all.get(0).score()).isGreaterThan(99f);
        assertThat(lib.service.search(query, "stub-1", List.of("B"), 10, 0f)).hasSize(1);
        assertThat(lib.service.search(query, "stub-1", List.of(), 10, 99f)).hasSize(1);
        assertThat(lib.service.search(query, "other-model", List.of(), 10, 0f)).isEmpty();
        assertThat(lib.service.faceCrop(all.get(0).faceToken())).isPresent();
    }

    @Test
    void theIndexIsRebuiltFromTheDatabaseWithoutTheModel() throws Exception {
        lib.restart();
        assertThat(lib.service.index().get().rebuilt()).as("a clean index is used as it is").isFalse();
        assertThat(lib.service.index().get().size()).isEqualTo(6);
        lib.close();
        Path index = dir.resolve("faces/index");
        LibraryIndex.deleteTree(index);
        Files.createDirectories(index);
        Library noModel = new Library(dir, null);
        try {
            float[] query = new StubAnalysis("stub-1").analyze(UploadedImage.check("q", picture(4, 300, 300))
                    .frame()).get(0).description().get().descriptor();
            assertThat(noModel.service.index().get().rebuilt()).isTrue();
            List<FaceLibrary.Match> hits = noModel.service.search(query, "stub-1", List.of("A"), 5, 0f);
            assertThat(hits).hasSize(5);
            assertThat(noModel.service.store().image(hits.get(0).imageId()).get().description()).isEqualTo("p4");
        } finally {
            noModel.close();
        }
        lib = new Library(dir, new StubAnalysis("stub-1"));
    }

    @Test
    void anIndexLeftDirtyByACrashIsRebuilt() throws Exception {
        long p2 = lib.service.store().faces().get(2).key();
        lib.close();
        // a change that reached the index's files but was never synced (the process died before): p2's entry
        // replaced by another vector, the size unchanged; the files are dirty, so the library must rebuild
        org.megbox.faces.internal.index.FaceIndex crashed = org.megbox.faces.internal.index.FaceIndex.open(
                dir.resolve("faces/index"), 64);
        float[] unit = new float[64];
        unit[0] = 1;
        crashed.put(p2, unit);
        lib = new Library(dir, new StubAnalysis("stub-1"));
        assertThat(lib.service.index().get().rebuilt()).isTrue();
        assertThat(lib.service.index().get().size()).isEqualTo(6);
        assertThat(top(search(picture(2, 300, 300), "A"), 1).get("description")).isEqualTo("p2");
    }

    @Test
    void aNewEmbedderDescribesTheStoredPhotosAgain() throws Exception {
        lib.close();
        StubAnalysis better = new StubAnalysis("stub-2");
        lib = new Library(dir, better);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!lib.service.index().map(i -> i.modelId().equals("stub-2")).orElse(false)) {
            assertThat(System.nanoTime()).as("re-description finished").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(better.calls).isEqualTo(6);
        assertThat(lib.service.index().get().size()).isEqualTo(6);
        Map<String, Object> r = search(picture(1, 300, 300), "A");
        assertThat(top(r, 1).get("description")).isEqualTo("p1");
    }
}
