package org.megbox.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.megbox.faces.internal.Library.file;
import static org.megbox.faces.internal.Library.picture;
import static org.megbox.faces.internal.Library.req;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.megbox.rest.BinaryReply;
import org.megbox.rest.FakeRestRequest;

class FacesEndpointTest extends LibraryTest {

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String template, FakeRestRequest r) throws Exception {
        return (Map<String, Object>) lib.call("GET", template, r);
    }

    int storedFiles() throws Exception {
        try (var s = Files.walk(dir.resolve("faces/images"))) {
            long images = s.filter(Files::isRegularFile).count();
            try (var c = Files.walk(dir.resolve("faces/crops"))) {
                return (int) (images + c.filter(Files::isRegularFile).count());
            }
        }
    }

    @Test
    void enrolAnswersTheSpecFieldsAndTheFaceCanBeReadBack() throws Exception {
        byte[] image = picture(1, 320, 240);
        Map<String, Object> e = enrol(image, "小高.JPG");
        assertThat(e).containsOnlyKeys("imageId", "faceToken", "rect");
        assertThat((String) e.get("imageId")).hasSize(24).isEqualTo(FaceIds.imageMd5(image));
        assertThat((String) e.get("faceToken")).hasSize(24).matches("[A-Za-z0-9_-]{22}==");
        assertThat(e.get("rect")).isEqualTo(new Records.Rect(80, 60, 240, 180));

        Map<String, Object> f = get("/faces/faceToken/{faceToken}",
                req("GET", "/faces/faceToken/x").path("faceToken", (String) e.get("faceToken")));
        assertThat(f).containsOnlyKeys("imageId", "description", "rect", "faceGroupList", "image");
        assertThat(f.get("description")).isEqualTo("小高.JPG");
        assertThat(f.get("faceGroupList")).isEqualTo(List.of());
        var crop = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) f.get("image"))));
        assertThat(crop.getWidth()).isEqualTo(224);

        BinaryReply original = (BinaryReply) lib.call("GET", "/faces/image/{imageId}",
                req("GET", "/faces/image/x").path("imageId", (String) e.get("imageId")));
        assertThat(original.body()).isEqualTo(image);
        assertThat(original.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void refusedUploadsStoreNothing() throws Exception {
        byte[] image = picture(2, 320, 240);
        assertThat(lib.code("POST", "/faces", upload(image, "a").formField("imageMd5", "l4hlGYOvi0NEvWwBRB9ijg==")))
                .isEqualTo(104206);
        assertThat(lib.code("POST", "/faces", upload(Library.black(320, 240), "a"))).isEqualTo(104200);
        assertThat(lib.code("POST", "/faces", upload(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "a")))
                .isEqualTo(104211);
        assertThat(lib.code("POST", "/faces", upload(picture(3, 99, 240), "a"))).isEqualTo(104210);
        byte[] big = new byte[4 * 1024 * 1024 + 1];
        System.arraycopy(image, 0, big, 0, image.length);
        assertThat(lib.code("POST", "/faces", upload(big, "a"))).isEqualTo(104212);
        assertThat(lib.code("POST", "/faces", req("POST", "/faces").formField("description", "a")))
                .isEqualTo(104002);
        assertThat(lib.code("POST", "/faces", req("POST", "/faces").file("image", file("image", image))))
                .isEqualTo(104002);
        assertThat(lib.code("POST", "/faces", upload(image, "x".repeat(256)))).isEqualTo(104001);
        assertThat(lib.code("POST", "/faces", upload(image, "a").formField("group", "[\"nope\"]")))
                .isEqualTo(104301);
        lib.analysis.rejection = "blur";
        try {
            lib.call("POST", "/faces", upload(image, "a"));
        } catch (org.megbox.rest.ApiException ex) {
            assertThat(ex.getMessage()).isEqualTo("BAD_QUALITY:blur");
        }
        lib.analysis.rejection = null;
        assertThat(lib.service.store().imageCount()).isZero();
        assertThat(lib.service.store().faceCount()).isZero();
        assertThat(storedFiles()).isZero();
        // the right md5 is accepted, the same photo again is FACE_ALREADY_EXIST
        assertThat(lib.code("POST", "/faces", upload(image, "a").formField("imageMd5", FaceIds.imageMd5(image))))
                .isZero();
        assertThat(lib.code("POST", "/faces", upload(image, "a"))).isEqualTo(104204);
        assertThat(lib.service.store().faceCount()).isEqualTo(1);
    }

    @Test
    void listPagesInUploadOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            enrol(picture(10 + i, 200, 200), "p" + i);
        }
        Map<String, Object> p1 = get("/faces", req("GET", "/faces").query("pageSize", "2"));
        assertThat(p1.get("totalFaces")).isEqualTo(5);
        assertThat(descriptions(p1)).containsExactly("p0", "p1");
        Map<String, Object> p2 = get("/faces", req("GET", "/faces").query("pageToken",
                p1.get("nextPageToken").toString(), "pageSize", "2"));
        assertThat(descriptions(p2)).containsExactly("p2", "p3");
        Map<String, Object> last = get("/faces", req("GET", "/faces").query("pageOffset", "4", "pageSize", "2"));
        assertThat(descriptions(last)).containsExactly("p4");
        assertThat(last).doesNotContainKey("nextPageToken");
        assertThat(lib.code("GET", "/faces", req("GET", "/faces").query("pageToken", "1", "pageOffset", "1")))
                .isEqualTo(104001);
        assertThat(lib.code("GET", "/faces", req("GET", "/faces").query("pageSize", "0"))).isEqualTo(104001);

        // the order store is rebuilt from the photo records when it disagrees with them (an older database)
        lib.db.longStore("faces.order", org.megbox.persistence.Codec.utf8()).clear();
        lib.restart();
        assertThat(descriptions(get("/faces", req("GET", "/faces").query("pageSize", "10"))))
                .containsExactly("p0", "p1", "p2", "p3", "p4");
    }

    @SuppressWarnings("unchecked")
    static List<Object> descriptions(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("face")).stream().map(m -> m.get("description")).toList();
    }

    @Test
    void deletingAFaceKeepsItsPhotoAndDeletingThePhotoRemovesBoth() throws Exception {
        Map<String, Object> a = enrol(picture(20, 200, 200), "a");
        Map<String, Object> b = enrol(picture(21, 200, 200), "b");
        String ta = (String) a.get("faceToken");
        assertThat(lib.code("DELETE", "/faces/faceToken/{faceToken}",
                req("DELETE", "x").path("faceToken", ta))).isZero();
        assertThat(lib.code("DELETE", "/faces/faceToken/{faceToken}",
                req("DELETE", "x").path("faceToken", ta))).isEqualTo(104202);
        Map<String, Object> list = get("/faces", req("GET", "/faces"));
        assertThat(list.get("totalFaces")).isEqualTo(2);
        assertThat(lib.service.index().get().size()).isEqualTo(1);
        // the photo of the deleted face may be enrolled again
        assertThat(lib.code("POST", "/faces", upload(picture(20, 200, 200), "a"))).isZero();

        assertThat(lib.code("DELETE", "/faces/image/{imageId}",
                req("DELETE", "x").path("imageId", (String) b.get("imageId")))).isZero();
        assertThat(lib.code("DELETE", "/faces/image/{imageId}",
                req("DELETE", "x").path("imageId", (String) b.get("imageId")))).isEqualTo(104203);
        assertThat(lib.code("GET", "/faces/faceToken/{faceToken}",
                req("GET", "x").path("faceToken", (String) b.get("faceToken")))).isEqualTo(104202);
        assertThat(storedFiles()).isEqualTo(2);

        assertThat(lib.code("DELETE", "/faces/facesLib", req("DELETE", "/faces/facesLib"))).isZero();
        assertThat(lib.service.store().imageCount()).isZero();
        assertThat(lib.service.index().get().size()).isZero();
        assertThat(storedFiles()).isZero();
    }

    @Test
    void batchImportsInTheBackgroundAndListsFailures() throws Exception {
        byte[] good = picture(30, 200, 200);
        byte[] dark = Library.black(200, 200);
        org.megbox.rest.RestRequest r = new MultiRequest("POST", "/faces/batch")
                .fields("total", "2").fields("count", "2")
                .fields("data", "{\"imageName\":\"good.jpg\",\"batchNum\":1,\"batchSeq\":1,\"size\":" + good.length
                        + ",\"faceGroupList\":[]}",
                        "{\"imageMd5\":\"" + FaceIds.imageMd5(dark) + "\",\"batchNum\":1,\"batchSeq\":2,\"size\":"
                        + dark.length + "}")
                .files("image", file("image", good), file("image", dark)).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> reply = (Map<String, Object>) lib.call("POST", "/faces/batch", r);
        assertThat(reply).containsEntry("totalCnt", 2).containsEntry("recvCnt", 2).containsKey("faceInfo");
        assertThat(lib.faces.batch().awaitIdle(20_000)).isTrue();
        Map<String, Object> status = get("/faces/faceBatchStatus", req("GET", "x"));
        assertThat(status).containsEntry("successCnt", 1).containsEntry("failCnt", 1);
        Map<String, Object> fails = get("/faces/failList", req("GET", "x"));
        assertThat(fails.get("totalFails")).isEqualTo(1);
        assertThat(fails.get("fails").toString()).contains("FACE_NOT_FOUND");
        assertThat(lib.code("DELETE", "/faces/failList", req("DELETE", "x"))).isZero();
        assertThat(lib.service.store().failCount()).isZero();
        assertThat(lib.service.store().faceCount()).isEqualTo(1);
    }

    @Test
    void filesWithoutARecordAreDeletedAtStart() throws Exception {
        Map<String, Object> e = enrol(picture(40, 200, 200), "kept");
        Path orphanCrop = dir.resolve("faces/crops/AAAAAAAAAAAAAAAAAAAAAA==.jpg");
        Path orphanImage = dir.resolve("faces/images/.tmp-BBBBBBBBBBBBBBBBBBBBBB==.jpg");
        Files.write(orphanCrop, new byte[] {1});
        Files.write(orphanImage, new byte[] {1});
        lib.restart();
        assertThat(orphanCrop).doesNotExist();
        assertThat(orphanImage).doesNotExist();
        assertThat(storedFiles()).isEqualTo(2);
        assertThat(lib.service.faceCrop((String) e.get("faceToken"))).isPresent();
    }

    @Test
    void aRunningBatchKeepsTheLibraryFromBeingWipedAndCountIsBounded() throws Exception {
        byte[] good = picture(50, 200, 200);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        lib.analysis.gate = gate;
        org.megbox.rest.RestRequest one = new MultiRequest("POST", "/faces/batch").fields("total", "1")
                .fields("count", "1").fields("data", "{\"imageName\":\"a.jpg\",\"batchNum\":1,\"size\":"
                        + good.length + "}").files("image", file("image", good)).build();
        assertThat(lib.code("POST", "/faces/batch", one)).isZero();
        assertThat(lib.code("DELETE", "/faces/facesLib", req("DELETE", "x"))).isEqualTo(104307);
        gate.countDown();
        assertThat(lib.faces.batch().awaitIdle(20_000)).isTrue();
        lib.analysis.gate = null;
        assertThat(lib.service.store().faceCount()).isEqualTo(1);
        assertThat(lib.code("DELETE", "/faces/facesLib", req("DELETE", "x"))).isZero();

        MultiRequest many = new MultiRequest("POST", "/faces/batch").fields("total", "51").fields("count", "51");
        for (int i = 0; i < 51; i++) {
            many.fields("data", "{\"imageName\":\"a.jpg\",\"batchNum\":1,\"size\":" + good.length + "}")
                    .files("image", file("image", good));
        }
        assertThat(lib.code("POST", "/faces/batch", many)).isEqualTo(104308);
        org.megbox.rest.RestRequest mismatch = new MultiRequest("POST", "/faces/batch").fields("total", "2")
                .fields("count", "2").fields("data", "{\"imageName\":\"a.jpg\",\"batchNum\":1,\"size\":1}")
                .files("image", file("image", good)).build();
        assertThat(lib.code("POST", "/faces/batch", mismatch)).isEqualTo(104001);
        assertThat(lib.service.store().faceCount()).isZero();
    }
}
