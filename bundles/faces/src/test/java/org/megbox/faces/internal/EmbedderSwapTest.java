package org.megbox.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.megbox.faces.internal.Library.file;
import static org.megbox.faces.internal.Library.picture;
import static org.megbox.faces.internal.Library.req;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.megbox.faces.FaceLibrary;

/**
 * The library follows the embedder the pipeline swaps in behind the same analysis service (a vendor's higher-ranked
 * FaceEmbedder registered, later removed): it re-describes the stored photos, answers 104401 to {@code /search}
 * meanwhile, and then finds the faces with the new model's descriptors; and back.
 */
class EmbedderSwapTest extends LibraryTest {

    final StubAnalysis faceRes = new StubAnalysis("stub-1");
    final StubAnalysis vendor = new StubAnalysis("vendor-2", 17);
    SwappingAnalysis pipeline;

    @BeforeEach
    void libraryOnTheSwappingPipeline() throws Exception {
        lib.close();
        pipeline = new SwappingAnalysis(faceRes);
        lib = new Library(dir, pipeline);
        assertThat(createGroup("A")).isZero();
        for (int i = 0; i < 4; i++) {
            enrol(upload(picture(i, 300, 300), "p" + i).formField("group", "A"));
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> search(byte[] image) throws Exception {
        return (Map<String, Object>) lib.call("POST", "/search",
                req("POST", "/search").file("image", file("image", image)).formField("group", "A"));
    }

    int searchCode(byte[] image) throws Exception {
        return lib.code("POST", "/search", req("POST", "/search").file("image", file("image", image))
                .formField("group", "A"));
    }

    @SuppressWarnings("unchecked")
    String topDescription(byte[] image) throws Exception {
        Map<String, Object> top1 = (Map<String, Object>) search(image).get("top1");
        assertThat((double) top1.get("searchScore")).isGreaterThan(99.0);
        return (String) top1.get("description");
    }

    float[] descriptor(StubAnalysis model, byte[] image) {
        return model.analyze(UploadedImage.check("q", image).frame()).get(0).description().get().descriptor();
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    boolean indexed(String model) {
        return lib.service.index().map(i -> i.modelId().equals(model)).orElse(false)
                && lib.service.redescribing().isEmpty();
    }

    @Test
    void theModelsReallyDiffer() throws Exception {
        float[] a = descriptor(faceRes, picture(1, 300, 300));
        float[] b = descriptor(vendor, picture(1, 300, 300));
        assertThat(FaceLibraryService.cosine(a, b)).isLessThan(0.6f);
    }

    @Test
    void aVendorEmbedderSwappedInIsFollowedAndRemovingItGoesBack() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        pipeline.redescribeGate = hold;
        pipeline.use(vendor);
        lib.service.bindEmbedder(null); // the FaceEmbedder event, no request needed
        await("re-description started", () -> lib.service.redescribing().isPresent());

        // meanwhile: /search says the library is being rebuilt, the warehouse's search finds nothing for the new
        // model, enrolments are stored, /compare works
        assertThat(searchCode(picture(1, 300, 300))).isEqualTo(104401);
        assertThat(lib.service.search(descriptor(vendor, picture(1, 300, 300)), "vendor-2", List.of(), 5, 0f))
                .isEmpty();
        enrol(upload(picture(10, 300, 300), "p10").formField("group", "A"));
        assertThat(lib.code("POST", "/compare", req("POST", "/compare")
                .file("image1", file("image1", picture(7, 300, 300)))
                .file("image2", file("image2", picture(7, 200, 260))))).isZero();

        hold.countDown();
        await("indexed for the vendor's model", () -> indexed("vendor-2"));
        assertThat(lib.service.index().get().size()).isEqualTo(5);
        assertThat(topDescription(picture(1, 300, 300))).isEqualTo("p1");
        assertThat(topDescription(picture(10, 300, 300))).isEqualTo("p10");
        List<FaceLibrary.Match> hits = lib.service.search(descriptor(vendor, picture(2, 300, 300)), "vendor-2",
                List.of("A"), 5, 99f);
        assertThat(hits).hasSize(1);
        assertThat(lib.service.search(descriptor(faceRes, picture(2, 300, 300)), "stub-1", List.of(), 5, 0f))
                .isEmpty();

        // the vendor bundle removed: FaceRes is back, the library follows it too
        pipeline.use(faceRes);
        lib.service.unbindEmbedder(null);
        await("indexed for FaceRes again", () -> indexed("stub-1"));
        assertThat(lib.service.index().get().size()).isEqualTo(5);
        assertThat(topDescription(picture(3, 300, 300))).isEqualTo("p3");
        assertThat(topDescription(picture(10, 300, 300))).isEqualTo("p10");
        assertThat(lib.service.store().faceCount("stub-1")).isEqualTo(5);
    }

    @Test
    void aSwapNoticedOnlyByARequestIsFollowedToo() throws Exception {
        pipeline.use(vendor);
        // no FaceEmbedder event: the request's check starts the re-description
        int code = searchCode(picture(1, 300, 300));
        assertThat(code).isIn(0, 104401);
        await("indexed for the vendor's model", () -> indexed("vendor-2"));
        assertThat(topDescription(picture(1, 300, 300))).isEqualTo("p1");
    }

    @Test
    void goingBackBeforeTheSwitchKeepsTheOldIndexAnsweringAndLosesNoFace() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        pipeline.redescribeGate = hold;
        pipeline.use(vendor);
        lib.service.bindEmbedder(null);
        await("re-description started", () -> lib.service.redescribing().isPresent());
        pipeline.use(faceRes);
        lib.service.unbindEmbedder(null);
        assertThat(topDescription(picture(2, 300, 300))).isEqualTo("p2");
        hold.countDown();
        await("vendor's re-description given up", () -> indexed("stub-1"));
        pipeline.redescribeGate = null;
        await("every face described by FaceRes", () -> lib.service.store().faceCount("stub-1") == 4
                && lib.service.redescribing().isEmpty());
        assertThat(lib.service.index().get().modelId()).isEqualTo("stub-1");
        for (int i = 0; i < 4; i++) {
            assertThat(topDescription(picture(i, 300, 300))).isEqualTo("p" + i);
        }
    }
}
