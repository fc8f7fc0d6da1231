package org.megbox.faces.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.FakeRestRequest;
import org.megbox.rest.Route;
import org.megbox.rest.UploadedFile;

/** The library over a real database in a temp folder, its three endpoints, and synthetic pictures. */
final class Library implements AutoCloseable {

    final Path dir;
    final StubAnalysis analysis;
    MapDbDatabase db;
    FaceLibraryService service;
    FacesEndpoint faces;
    FaceGroupsEndpoint groups;
    CompareSearchEndpoint compareSearch;

    Library(Path dir, StubAnalysis analysis) {
        this.dir = dir;
        this.analysis = analysis;
        start();
    }

    private void start() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        service = new FaceLibraryService(db, dir);
        if (analysis != null) {
            service.bindAnalysis(analysis);
        }
        faces = new FacesEndpoint(service);
        groups = new FaceGroupsEndpoint(service);
        compareSearch = new CompareSearchEndpoint(service);
    }

    void restart() {
        close();
        start();
    }

    @Override
    public void close() {
        faces.close();
        service.close();
        db.close();
    }

    /** Runs the route of {@code method path-template} with the request. */
    Object call(String method, String template, org.megbox.rest.RestRequest request) throws Exception {
        for (var endpoint : new org.megbox.rest.RestEndpoint[] {faces, groups, compareSearch}) {
            for (Route r : endpoint.routes()) {
                if (r.method().equals(method) && r.path().equals(template)) {
                    return r.handler().handle(request);
                }
            }
        }
        throw new AssertionError("no route " + method + " " + template);
    }

    /** The error code the call answers with, or 0 when it succeeds. */
    int code(String method, String template, org.megbox.rest.RestRequest request) throws Exception {
        try {
            call(method, template, request);
            return 0;
        } catch (ApiException e) {
            return e.error().code();
        }
    }

    static FakeRestRequest req(String method, String path) {
        return FakeRestRequest.of(method, path);
    }

    static UploadedFile file(String field, byte[] content) {
        return new UploadedFile(field, "p.jpg", "image/jpeg", content);
    }

    /** A distinct random blocky picture (seeded), w×h, as JPEG. */
    static byte[] picture(long seed, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        Random rnd = new Random(seed);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int v = 40 + rnd.nextInt(200);
                g.setColor(new Color(v, v, v));
                g.fillRect(x * w / 8, y * h / 8, w / 8 + 1, h / 8 + 1);
            }
        }
        g.dispose();
        return encode(img, "jpg");
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    static byte[] black(int w, int h) throws IOException {
        return encode(new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR), "png");
    }
}
