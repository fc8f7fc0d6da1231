package org.megbox.faces.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.api.face.FaceQuality;
import org.megbox.faces.FaceLibrary.Match;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.rest.UploadedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * §10 {@code POST /compare} (1:1, {@code image1}/{@code image2}) and {@code POST /search} (1:N against the groups
 * in {@code group}, the five best as {@code top1}..{@code top5}). A photo without a face gets 104202 as §10 lists;
 * a face failing the quality gates 104201 BAD_QUALITY:<reason>. Scores are {@code 100 * max(0, cosine)}. No
 * liveness model is installed: {@code livenessEnabled=true} is refused (104001) rather than answered with an
 * invented {@code livenessScore}, which is therefore left out of {@code detectionResult}.
 */
@Component(service = RestEndpoint.class)
public final class CompareSearchEndpoint implements RestEndpoint {

    static final int TOP_N = 5;

    private final FaceLibraryService library;

    @Activate
    public CompareSearchEndpoint(@Reference FaceLibraryService library) {
        this.library = library;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/compare", this::compare).asRead(),
                Route.post("/search", this::search).asRead());
    }

    private static UploadedImage image(RestRequest r, String field) {
        UploadedFile f = r.file(field).orElseThrow(() -> ApiException.missing(field));
        return UploadedImage.check(field, f.content());
    }

    private static boolean flag(RestRequest r, String field) {
        String v = r.formField(field).map(String::trim).orElse("");
        switch (v.toLowerCase(Locale.ROOT)) {
            case "", "false", "0":
                return false;
            case "true", "1":
                return true;
            default:
                throw ApiException.illegal(field);
        }
    }

    private static void noLiveness(RestRequest r) {
        if (flag(r, "livenessEnabled")) {
            throw ApiException.illegal("livenessEnabled").withData(Map.of("reason", "no liveness model installed"));
        }
    }

    private Object compare(RestRequest r) {
        noLiveness(r);
        UploadedImage a = image(r, "image1");
        UploadedImage b = image(r, "image2");
        AnalyzedFace fa = library.largestFace(a, ErrorCode.FACE_TOKEN_NOT_EXIST, "image1");
        AnalyzedFace fb = library.largestFace(b, ErrorCode.FACE_TOKEN_NOT_EXIST, "image2");
        float cosine = FaceLibraryService.cosine(fa.description().get().descriptor(),
                fb.description().get().descriptor());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("compareScore", round2(FaceLibraryService.score(cosine)));
        data.put("detectionResult1", detection(fa, a, false));
        data.put("detectionResult2", detection(fb, b, false));
        return data;
    }

    private Object search(RestRequest r) {
        noLiveness(r);
        boolean featureUpload = flag(r, "featureUpload");
        List<String> groups = GroupNames.fromForm(r.formFields("group"), "group");
        if (groups.isEmpty()) {
            throw ApiException.missing("group");
        }
        UploadedImage image = image(r, "image");
        library.requireGroups(groups);
        FaceAnalysisService analysis = library.analysis();
        AnalyzedFace face = library.largestFace(image, ErrorCode.FACE_TOKEN_NOT_EXIST, "image");
        float[] descriptor = face.description().get().descriptor();
        library.indexFor(analysis.embedderId()); // 104401 while the library is being described for a new embedder
        List<Match> matches = library.search(descriptor, analysis.embedderId(), groups, TOP_N, 0f);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("detectionResult", detection(face, image, true));
        for (int i = 0; i < matches.size(); i++) {
            data.put("top" + (i + 1), top(matches.get(i)));
        }
        if (featureUpload) {
            ByteBuffer b = ByteBuffer.allocate(descriptor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : descriptor) {
                b.putFloat(f);
            }
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("feature", Base64.getEncoder().encodeToString(b.array()));
            feature.put("version", analysis.embedderId());
            data.put("featureInfo", feature);
        }
        return data;
    }

    private Map<String, Object> top(Match m) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("group", m.groups().stream().map(g -> Map.of("groupName", g)).toList());
        t.put("searchScore", round2(m.score()));
        t.put("faceToken", m.faceToken());
        t.put("description", library.store().image(m.imageId()).map(i -> i.description()).orElse(""));
        t.put("imageUrl", "./face_data/" + m.faceToken() + ".jpg");
        return t;
    }

    /** The box, the pose from the landmarks, {@code blurness} = 100 - sharpness; with quality and age for §10.1.2. */
    private static Map<String, Object> detection(AnalyzedFace f, UploadedImage image, boolean withQualityAndAge) {
        Records.Rect rect = FaceLibraryService.rect(f.face().box(), image.width(), image.height());
        FaceQuality q = f.quality();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("left", rect.left());
        d.put("top", rect.top());
        d.put("right", rect.right());
        d.put("bottom", rect.bottom());
        d.put("roll", (int) Math.round(q.roll()));
        d.put("yaw", (int) Math.round(q.yaw()));
        d.put("pitch", (int) Math.round(q.pitch()));
        d.put("blurness", round2((float) Math.max(0, Math.min(100, 100 - q.blur()))));
        if (withQualityAndAge) {
            d.put("quality", round2(f.face().score()));
            f.description().flatMap(x -> x.attributes()).ifPresent(a -> d.put("age", a.age()));
        }
        return d;
    }

    static double round2(float v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
