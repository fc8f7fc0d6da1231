package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The face library black-box (§5, §6, §10) with the real face pipeline: real photos of different people that
 * Debian's opencv-doc ships are enrolled into a group; a changed copy of one (cropped, scaled, brighter, stronger
 * JPEG compression) is found first by {@code POST /search} with a score above the others and scores higher in
 * {@code POST /compare} with its original than with another person; an image without a face, a wrong
 * {@code imageMd5} and a duplicate group get the spec's codes with nothing stored; after a SIGKILL the library, its
 * bindings and its search answer are the same, and so after a SIGKILL that also lost the index folder (rebuilt from
 * the stored descriptors).
 */
class FacesIT {

    static final String V = "/v1/MEGBOX";
    static final Path DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    static final Path HTML = Path.of("/usr/share/doc/opencv-doc/opencv4/html");

    @TempDir
    Path work;

    Box box;

    @AfterEach
    void tearDown() {
        if (box != null) {
            box.close();
        }
    }

    static BufferedImage read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("megbox.allowSkip"), p + " missing");
            throw new AssertionError(p + " missing: apt-get install opencv-doc");
        }
        return ImageIO.read(p.toFile());
    }

    static BufferedImage crop(BufferedImage img, int x, int y, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(img.getSubimage(x, y, w, h), 0, 0, null);
        g.dispose();
        return out;
    }

    static byte[] jpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream s = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(s);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** Different people (the same photos the face-pipeline tests use), as JPEG. */
    static Map<String, byte[]> people() throws IOException {
        Map<String, byte[]> p = new LinkedHashMap<>();
        read(DATA.resolve("messi5.jpg"));
        p.put("messi", Files.readAllBytes(DATA.resolve("messi5.jpg")));
        p.put("actressA", jpeg(crop(read(HTML.resolve("05.jpg")), 0, 0, 520, 512), 0.92f));
        p.put("actressC", jpeg(crop(read(HTML.resolve("12.jpg")), 0, 0, 520, 512), 0.92f));
        p.put("smiling", jpeg(read(HTML.resolve("227943776_1.jpg")), 0.92f));
        p.put("bearded", jpeg(read(HTML.resolve("230501201_1.jpg")), 0.92f));
        p.put("glasses", jpeg(crop(read(HTML.resolve("example.jpg")), 760, 100, 400, 480), 0.92f));
        return p;
    }

    /** The changed copy: 90 % of the picture around its centre, scaled to 80 %, 20 % brighter, JPEG quality 0.6. */
    static byte[] changedCopy(byte[] original) throws IOException {
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(original));
        int w = img.getWidth();
        int h = img.getHeight();
        BufferedImage c = crop(img, w / 20, h / 20, w * 9 / 10, h * 9 / 10);
        int sw = c.getWidth() * 4 / 5;
        int sh = c.getHeight() * 4 / 5;
        BufferedImage scaled = new BufferedImage(sw, sh, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(c, 0, 0, sw, sh, null);
        g.dispose();
        BufferedImage bright = new RescaleOp(1.2f, 0f, null).filter(scaled, null);
        return jpeg(bright, 0.6f);
    }

    static String md5Id(byte[] b) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(b))
                .replace('+', '-').replace('/', '_');
    }

    Reply enrol(String name, byte[] image, Box.Part... extra) {
        Box.Part[] parts = new Box.Part[2 + extra.length];
        parts[0] = Box.Part.file("image", name + ".jpg", "image/jpeg", image);
        parts[1] = Box.Part.field("description", name + ".jpg");
        System.arraycopy(extra, 0, parts, 2, extra.length);
        return box.postMultipart(V + "/faces", parts);
    }

    Reply search(byte[] image) {
        return box.postMultipart(V + "/search", Box.Part.file("image", "q.jpg", "image/jpeg", image),
                Box.Part.field("group", "[{\"groupName\":\"staff\"}]"));
    }

    int totalFaces() {
        return box.get(V + "/faces").json().at("/data/totalFaces").asInt(-1);
    }

    /** The pipeline loads its models after the box is up: until then enrolment answers 104401. */
    Reply enrolWhenReady(String name, byte[] image) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (true) {
            Reply r = enrol(name, image, Box.Part.field("group", "[\"staff\"]"));
            if (r.code() != 104401 || System.nanoTime() > end) {
                return r;
            }
            Thread.sleep(500);
        }
    }

    @Test
    void enrolSearchCompareAndSurviveSigkill() throws Exception {
        Map<String, byte[]> people = people();
        box = Box.create(work).start();

        // groups: created once, a duplicate is refused and not stored
        assertThat(box.post(V + "/faceGroups", "{\"groupName\":\"staff\"}").code()).isZero();
        Reply dup = box.post(V + "/faceGroups", "{\"groupName\":\"staff\"}");
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.code()).as("%s", dup).isEqualTo(104300);
        assertThat(dup.json().path("message").asText()).isEqualTo("GROUP_NAME_CONFLICT");
        assertThat(box.get(V + "/faceGroups").json().at("/data/faceGroupList").size()).isEqualTo(1);

        Map<String, String> tokens = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> p : people.entrySet()) {
            long t0 = System.nanoTime();
            Reply r = enrolWhenReady(p.getKey(), p.getValue());
            System.out.printf("FacesIT enrol %s: %d ms%n", p.getKey(), (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.code()).as("enrol %s: %s", p.getKey(), r).isZero();
            JsonNode d = r.json().path("data");
            assertThat(d.path("imageId").asText()).isEqualTo(md5Id(p.getValue()));
            assertThat(d.path("faceToken").asText()).hasSize(24);
            assertThat(d.path("rect").path("right").asInt()).isGreaterThan(d.path("rect").path("left").asInt());
            tokens.put(p.getKey(), d.path("faceToken").asText());
        }
        assertThat(totalFaces()).isEqualTo(people.size());

        // refused uploads store nothing
        byte[] noFace = Files.readAllBytes(DATA.resolve("fruits.jpg"));
        Reply none = enrol("fruits", noFace);
        assertThat(none.code()).as("%s", none).isEqualTo(104200);
        assertThat(none.json().path("message").asText()).isEqualTo("FACE_NOT_FOUND");
        byte[] fresh = jpeg(crop(read(HTML.resolve("06.jpg")), 0, 0, 520, 512), 0.9f);
        Reply badMd5 = enrol("actressB", fresh, Box.Part.field("imageMd5", md5Id(people.get("messi"))));
        assertThat(badMd5.code()).as("%s", badMd5).isEqualTo(104206);
        assertThat(enrol("messi-again", people.get("messi")).code()).isEqualTo(104204);
        assertThat(totalFaces()).isEqualTo(people.size());
        assertThat(box.get(V + "/faces/image/" + md5Id(noFace)).json().path("code").asInt()).isEqualTo(104203);

        // 1:N: the changed copy of each person finds that person first, above everybody else
        for (String who : new String[] {"bearded", "actressA"}) {
            Reply s = search(changedCopy(people.get(who)));
            assertThat(s.code()).as("%s: %s", who, s).isZero();
            JsonNode d = s.json().path("data");
            assertThat(d.at("/top1/faceToken").asText()).as("%s: %s", who, s).isEqualTo(tokens.get(who));
            assertThat(d.at("/top1/searchScore").asDouble()).as("%s", s)
                    .isGreaterThan(d.at("/top2/searchScore").asDouble());
            System.out.printf("FacesIT search %s: top1 %.2f, top2 %.2f%n", who, d.at("/top1/searchScore").asDouble(),
                    d.at("/top2/searchScore").asDouble());
            assertThat(d.at("/top1/group/0/groupName").asText()).isEqualTo("staff");
            assertThat(d.at("/top1/description").asText()).isEqualTo(who + ".jpg");
            Reply crop = box.get(V + "/" + d.at("/top1/imageUrl").asText().substring(2));
            assertThat(crop.status()).isEqualTo(200);
            assertThat(crop.contentType()).startsWith("image/jpeg");
        }

        // 1:1: the copy scores higher with its original than with another person
        byte[] copy = changedCopy(people.get("bearded"));
        double same = box.postMultipart(V + "/compare", Box.Part.file("image1", "a.jpg", "image/jpeg", copy),
                Box.Part.file("image2", "b.jpg", "image/jpeg", people.get("bearded"))).json()
                .at("/data/compareScore").asDouble();
        double other = box.postMultipart(V + "/compare", Box.Part.file("image1", "a.jpg", "image/jpeg", copy),
                Box.Part.file("image2", "b.jpg", "image/jpeg", people.get("smiling"))).json()
                .at("/data/compareScore").asDouble();
        System.out.printf("FacesIT compare: same person %.2f, other person %.2f%n", same, other);
        assertThat(same).isGreaterThan(other);

        // binding by list, unbinding with a JSON body on DELETE (§6.1.5, §6.1.6)
        assertThat(box.post(V + "/faceGroups", "{\"groupName\":\"vip\"}").code()).isZero();
        String messi = tokens.get("messi");
        assertThat(box.post(V + "/faceGroups/binding/" + messi, "{\"faceGroupList\":[{\"groupName\":\"vip\"}]}").code())
                .isZero();
        assertThat(box.get(V + "/faceGroups/vip").json().at("/data/face/0/faceToken").asText()).isEqualTo(messi);
        java.util.function.Supplier<Reply> unbind = () -> box.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(box.url(V + "/faceGroups/unbind/" + messi)))
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"faceGroupList\":[\"vip\"]}")));
        assertThat(unbind.get().code()).isZero();
        assertThat(unbind.get().code()).isEqualTo(104303);
        assertThat(box.delete(V + "/faceGroups/vip?deleteAllFace=1").code()).isZero();

        // the face's record and crop
        JsonNode face = box.get(V + "/faces/faceToken/" + tokens.get("messi")).json().path("data");
        assertThat(face.path("description").asText()).isEqualTo("messi.jpg");
        assertThat(face.at("/faceGroupList/0/groupName").asText()).isEqualTo("staff");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(
                Base64.getDecoder().decode(face.path("image").asText())))).isNotNull();
        JsonNode before = search(changedCopy(people.get("bearded"))).json().path("data");

        // SIGKILL: the library, its bindings and its answers are the same after the restart
        box.kill9();
        box.start();
        assertThat(totalFaces()).isEqualTo(people.size());
        JsonNode groups = box.get(V + "/faceGroups").json().at("/data/faceGroupList");
        assertThat(groups.size()).isEqualTo(1);
        assertThat(groups.at("/0/groupFaces").asInt()).isEqualTo(people.size());
        long end = System.nanoTime() + 120_000_000_000L;
        Reply after = search(changedCopy(people.get("bearded")));
        while (after.code() == 104401 && System.nanoTime() < end) {
            Thread.sleep(500);
            after = search(changedCopy(people.get("bearded")));
        }
        assertThat(after.code()).as("%s", after).isZero();
        assertThat(after.json().at("/data/top1/faceToken").asText()).isEqualTo(tokens.get("bearded"));
        assertThat(after.json().at("/data/top1/searchScore").asDouble())
                .isCloseTo(before.at("/top1/searchScore").asDouble(), org.assertj.core.data.Offset.offset(0.05));
        // the index is derived data: without its folder it is rebuilt from the stored descriptors
        box.kill9();
        try (var files = Files.walk(box.dataDir().resolve("faces/index"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        box.start();
        Reply rebuilt = search(changedCopy(people.get("bearded")));
        while (rebuilt.code() == 104401 && System.nanoTime() < end) {
            Thread.sleep(500);
            rebuilt = search(changedCopy(people.get("bearded")));
        }
        assertThat(rebuilt.json().at("/data/top1/faceToken").asText()).as("%s", rebuilt)
                .isEqualTo(tokens.get("bearded"));
        assertThat(box.log()).contains("face index of");

        // the original photo is served as uploaded
        java.net.http.HttpResponse<byte[]> original = box.httpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(box.url(V + "/faces/image/" + md5Id(people.get("glasses"))))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.body()).isEqualTo(people.get("glasses"));

        // §5.1.8 batch over real multipart (repeated data/image pairs): one new face, one photo without a face
        Reply batch = box.postMultipart(V + "/faces/batch", Box.Part.field("total", "2"), Box.Part.field("count", "2"),
                Box.Part.field("data", "{\"imageName\":\"actressB.jpg\",\"batchNum\":1,\"batchSeq\":1,\"size\":"
                        + fresh.length + ",\"description\":\"actressB\",\"faceGroupList\":[\"staff\"]}"),
                Box.Part.file("image", "actressB.jpg", "image/jpeg", fresh),
                Box.Part.field("data", "{\"imageMd5\":\"" + md5Id(noFace) + "\",\"batchNum\":1,\"batchSeq\":2,\"size\":"
                        + noFace.length + "}"),
                Box.Part.file("image", "fruits.jpg", "image/jpeg", noFace));
        assertThat(batch.code()).as("%s", batch).isZero();
        assertThat(batch.json().at("/data/recvCnt").asInt()).isEqualTo(2);
        assertThat(batch.json().at("/data/faceInfo/0/imageMd5").asText()).isEqualTo(md5Id(fresh));
        JsonNode status = box.get(V + "/faces/faceBatchStatus").json().path("data");
        while (status.path("successCnt").asInt() + status.path("failCnt").asInt() < 2 && System.nanoTime() < end) {
            Thread.sleep(200);
            status = box.get(V + "/faces/faceBatchStatus").json().path("data");
        }
        assertThat(status.path("successCnt").asInt()).as("%s", status).isEqualTo(1);
        assertThat(status.path("failCnt").asInt()).as("%s", status).isEqualTo(1);
        JsonNode fails = box.get(V + "/faces/failList").json().path("data");
        assertThat(fails.path("totalFails").asInt()).isEqualTo(1);
        assertThat(fails.at("/fails/0/failReason").asText()).isEqualTo("FACE_NOT_FOUND");
        assertThat(fails.at("/fails/0/imageName").asText()).isEqualTo("fruits.jpg");
        assertThat(totalFaces()).isEqualTo(people.size() + 1);
        assertThat(box.post(V + "/faces/faceBatchStop", "{}").code()).isZero();
    }
}
