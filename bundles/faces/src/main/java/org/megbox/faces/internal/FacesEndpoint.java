package org.megbox.faces.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.megbox.faces.internal.Records.FaceRecord;
import org.megbox.faces.internal.Records.FailRecord;
import org.megbox.faces.internal.Records.ImageRecord;
import org.megbox.rest.ApiException;
import org.megbox.rest.BinaryReply;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.rest.UploadedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * §5 {@code /faces}: enrol one photo (multipart {@code image}, {@code description}, optional {@code imageMd5} and
 * {@code group}), list, get, delete faces and photos, wipe the library, the batch import and its fail list; and
 * {@code GET /face_data/{faceToken}.jpg}, the face crop that §10's {@code imageUrl} points to.
 */
@Component(service = RestEndpoint.class)
public final class FacesEndpoint implements RestEndpoint {

    static final int MAX_DESCRIPTION_BYTES = 255;

    private final FaceLibraryService library;
    private final BatchImport batch;

    @Activate
    public FacesEndpoint(@Reference FaceLibraryService library) {
        this.library = library;
        this.batch = new BatchImport(library);
    }

    @Deactivate
    void close() {
        batch.close();
    }

    BatchImport batch() {
        return batch;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/faces", this::enrol),
                Route.get("/faces", this::list),
                Route.delete("/faces/faceToken/{faceToken}", this::deleteFace),
                Route.delete("/faces/image/{imageId}", this::deleteImage),
                Route.get("/faces/faceToken/{faceToken}", this::face),
                Route.get("/faces/image/{imageId}", this::original),
                Route.delete("/faces/facesLib", this::clear),
                Route.delete("/faces/faceLib", this::clear),
                Route.post("/faces/batch", batch::receive),
                Route.post("/faces/faceBatchStop", r -> batch.stop()),
                Route.get("/faces/faceBatchStatus", r -> batch.status()),
                Route.get("/faces/failList", this::fails),
                Route.delete("/faces/failList", this::clearFails),
                Route.get("/face_data/{file}", this::crop));
    }

    private Object enrol(RestRequest r) throws Exception {
        UploadedFile file = r.file("image").orElseThrow(() -> ApiException.missing("image"));
        String description = r.formField("description").orElseThrow(() -> ApiException.missing("description"));
        if (description.getBytes(StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
            throw ApiException.illegal("description");
        }
        List<String> groups = GroupNames.fromForm(r.formFields("group"), "group");
        UploadedImage image = UploadedImage.check("image", file.content());
        String md5 = FaceIds.imageMd5(file.content());
        r.formField("imageMd5").map(String::trim).filter(s -> !s.isEmpty()).ifPresent(given -> {
            if (!given.equals(md5)) {
                throw new ApiException(ErrorCode.IMAGE_MD5_CHECK_FAIL)
                        .withData(Map.of("reason", "imageMd5: the image's is " + md5));
            }
        });
        FaceLibraryService.Enrolled e = library.enrol(image, description, file.fileName(), groups);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("imageId", e.imageId());
        data.put("faceToken", e.faceToken());
        data.put("rect", e.rect());
        return data;
    }

    private Object list(RestRequest r) {
        Paging paging = Paging.parse(r);
        FaceStore store = library.store();
        Paging.Page<Map<String, Object>> page = paging.of(
                store.imagesFrom(paging.pageToken(), paging.pageOffset() + paging.pageSize() + 1),
                FacesEndpoint::listItem);
        Map<String, Object> data = new LinkedHashMap<>();
        if (page.nextPageToken() != null) {
            data.put("nextPageToken", page.nextPageToken());
        }
        data.put("totalFaces", store.imageCount());
        data.put("face", page.items());
        return data;
    }

    static Map<String, Object> listItem(ImageRecord i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imageId", i.imageId());
        m.put("faceToken", i.faceToken() == null ? "" : i.faceToken());
        m.put("description", i.description());
        return m;
    }

    private FaceRecord existingFace(RestRequest r) {
        return library.store().face(r.pathParam("faceToken"))
                .orElseThrow(() -> new ApiException(ErrorCode.FACE_TOKEN_NOT_EXIST));
    }

    private ImageRecord existingImage(RestRequest r) {
        return library.store().image(r.pathParam("imageId"))
                .orElseThrow(() -> new ApiException(ErrorCode.IMAGE_ID_NOT_EXIST));
    }

    private Object deleteFace(RestRequest r) {
        library.deleteFace(existingFace(r).faceToken())
                .orElseThrow(() -> new ApiException(ErrorCode.FACE_TOKEN_NOT_EXIST));
        return null;
    }

    private Object deleteImage(RestRequest r) {
        library.deleteImage(existingImage(r));
        return null;
    }

    private Object face(RestRequest r) {
        FaceRecord f = existingFace(r);
        ImageRecord image = library.store().image(f.imageId()).orElse(null);
        byte[] crop = library.faceCrop(f.faceToken()).orElseThrow(
                () -> new ApiException(ErrorCode.FACE_TOKEN_NOT_EXIST));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("imageId", f.imageId());
        data.put("description", image == null ? "" : image.description());
        data.put("rect", f.rect());
        data.put("faceGroupList", f.groups().stream().map(g -> Map.of("groupName", g)).toList());
        data.put("image", Base64.getEncoder().encodeToString(crop));
        return data;
    }

    private Object original(RestRequest r) {
        ImageRecord i = existingImage(r);
        FaceFiles files = library.store().files();
        byte[] bytes = files.read(files.image(i.imageId(), i.format()))
                .orElseThrow(() -> new ApiException(ErrorCode.IMAGE_ID_NOT_EXIST));
        return new BinaryReply(UploadedImage.contentType(i.format()), bytes);
    }

    private Object crop(RestRequest r) {
        String file = r.pathParam("file");
        String token = file != null && file.endsWith(".jpg") ? file.substring(0, file.length() - 4) : file;
        byte[] crop = library.faceCrop(token).orElseThrow(() -> new ApiException(ErrorCode.RESOURCES_NOT_FOUND));
        return new BinaryReply("image/jpeg", crop);
    }

    private Object clear(RestRequest r) {
        library.requireNoBatch();
        library.clearLibrary();
        return null;
    }

    private Object fails(RestRequest r) {
        Paging paging = Paging.parse(r);
        FaceStore store = library.store();
        NavigableMap<Long, FailRecord> all = new TreeMap<>();
        long from = paging.pageToken();
        int want = paging.pageOffset() + paging.pageSize() + 1;
        store.failsFrom(from, want).forEach(e -> all.put(e.getKey(), e.getValue()));
        Paging.Page<FailRecord> page = paging.of(all, f -> f);
        Map<String, Object> data = new LinkedHashMap<>();
        if (page.nextPageToken() != null) {
            data.put("nextPageToken", page.nextPageToken());
        }
        data.put("totalFails", store.failCount());
        data.put("fails", page.items());
        return data;
    }

    private Object clearFails(RestRequest r) {
        library.store().clearFails();
        return null;
    }
}
