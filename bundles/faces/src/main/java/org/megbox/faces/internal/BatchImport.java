package org.megbox.faces.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.megbox.faces.internal.Records.FailRecord;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestRequest;
import org.megbox.rest.UploadedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * §5.1.8 batch import: {@code POST /faces/batch} checks the request (total, count ≤ 50, one {@code data} JSON ≤ 2 KB
 * per {@code image}, in order) and queues the photos; one worker enrols them as {@code POST /faces} does, each
 * failure goes to the fail list (§5.1.9) with the error message as {@code failReason}. A session's counters run from
 * its first request to {@code faceBatchStop} (or a gap of more than 30 s, §5.1.8's limit); the next request starts a
 * new session. A {@code count} over 50 is 104308 IMAGE_OVER_LIMIT.
 */
final class BatchImport implements AutoCloseable {

    static final int MAX_COUNT = 50;
    static final int MAX_DATA_BYTES = 2048;
    /** §5.1.8: requests of one batch come at most 30 s apart; a later one starts a new session. */
    static final long SESSION_GAP_NANOS = 30_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(BatchImport.class);

    private final FaceLibraryService library;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "megbox-faces-batch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger success = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private int total;
    private int received;
    private boolean open;
    private long lastRequestNanos;

    BatchImport(FaceLibraryService library) {
        this.library = library;
    }

    private record Item(String imageMd5, String imageName, int size, String description, List<String> groups,
            UploadedFile file) {
    }

    synchronized Object receive(RestRequest r) {
        int totalCnt = intField(r, "total", 1, Integer.MAX_VALUE);
        int count = intField(r, "count", 1, Integer.MAX_VALUE);
        if (count > MAX_COUNT) {
            throw new ApiException(ErrorCode.IMAGE_OVER_LIMIT).withData(Map.of("reason", "count: at most " + MAX_COUNT));
        }
        List<String> data = r.formFields("data");
        List<UploadedFile> images = r.files("image");
        if (data.isEmpty()) {
            throw ApiException.missing("data");
        }
        if (images.isEmpty()) {
            throw ApiException.missing("image");
        }
        if (data.size() != count || images.size() != count) {
            throw ApiException.illegal("count");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item(data.get(i), images.get(i)));
        }
        long now = System.nanoTime();
        if (!open || now - lastRequestNanos > SESSION_GAP_NANOS) {
            open = true;
            received = 0;
            success.set(0);
            failed.set(0);
        }
        lastRequestNanos = now;
        total = totalCnt;
        received += count;
        List<Map<String, Object>> faceInfo = new ArrayList<>();
        for (Item item : items) {
            if (item.imageName() != null) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("imageName", item.imageName());
                info.put("imageMd5", FaceIds.imageMd5(item.file().content()));
                faceInfo.add(info);
            }
            library.batchPending(1);
            worker.execute(() -> {
                try {
                    enrol(item);
                } finally {
                    library.batchPending(-1);
                }
            });
        }
        Map<String, Object> reply = status();
        if (!faceInfo.isEmpty()) {
            reply.put("faceInfo", faceInfo);
        }
        return reply;
    }

    synchronized Object stop() {
        open = false;
        return null;
    }

    synchronized Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalCnt", total);
        m.put("recvCnt", received);
        m.put("successCnt", success.get());
        m.put("failCnt", failed.get());
        return m;
    }

    private static int intField(RestRequest r, String name, int min, int max) {
        String v = r.formField(name).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> ApiException.missing(name));
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw ApiException.illegal(name);
    }

    private static Item item(String json, UploadedFile file) {
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw ApiException.illegal("data");
        }
        JsonNode d;
        try {
            d = JSON.readTree(json);
        } catch (Exception e) {
            throw ApiException.illegal("data");
        }
        if (d == null || !d.isObject()) {
            throw ApiException.illegal("data");
        }
        if (!d.hasNonNull("batchNum")) {
            throw ApiException.missing("data.batchNum");
        }
        if (!d.get("batchNum").canConvertToInt() || d.get("batchNum").asInt() < 1) {
            throw ApiException.illegal("data.batchNum");
        }
        if (!d.hasNonNull("size")) {
            throw ApiException.missing("data.size");
        }
        if (!d.get("size").canConvertToInt() || d.get("size").asInt() < 1) {
            throw ApiException.illegal("data.size");
        }
        String md5 = text(d, "imageMd5");
        String name = text(d, "imageName");
        if (md5 == null && name == null) {
            throw ApiException.missing("data.imageMd5");
        }
        String description = d.hasNonNull("description") ? d.get("description").asText() : "";
        if (description.getBytes(StandardCharsets.UTF_8).length > FacesEndpoint.MAX_DESCRIPTION_BYTES) {
            throw ApiException.illegal("data.description");
        }
        List<String> groups = d.hasNonNull("faceGroupList")
                ? GroupNames.fromJson(d.get("faceGroupList"), "data.faceGroupList") : List.of();
        String fileName = name != null ? name : file.fileName();
        return new Item(md5, fileName, d.get("size").asInt(), description, groups, file);
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.illegal("data." + field);
        }
        return n.asText();
    }

    private void enrol(Item item) {
        byte[] bytes = item.file().content();
        String md5 = FaceIds.imageMd5(bytes);
        try {
            if (item.size() != bytes.length) {
                throw new ApiException(ErrorCode.READ_FILE_FAIL);
            }
            if (item.imageMd5() != null && !item.imageMd5().equals(md5)) {
                throw new ApiException(ErrorCode.IMAGE_MD5_CHECK_FAIL);
            }
            UploadedImage image = UploadedImage.check("image", bytes);
            library.enrol(image, item.description(), item.imageName(), item.groups());
            success.incrementAndGet();
        } catch (ApiException e) {
            fail(md5, item, e.getMessage());
        } catch (Exception e) {
            LOG.warn("batch import of {} failed", item.imageName(), e);
            fail(md5, item, ErrorCode.INTERNAL_ERROR.message());
        }
    }

    private void fail(String md5, Item item, String reason) {
        failed.incrementAndGet();
        try {
            library.store().addFail(new FailRecord(md5, item.imageName(), reason,
                    System.currentTimeMillis() / 1000));
        } catch (RuntimeException e) {
            LOG.warn("fail list entry for {} not stored: {}", item.imageName(), e.toString());
        }
    }

    /** Waits (bounded) for the queued photos. */
    boolean awaitIdle(long millis) throws Exception {
        return worker.submit(() -> { }).get(millis, TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
