package org.megbox.facepipeline.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceDetector;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.inference.InferenceModel;
import org.megbox.api.inference.Tensor;
import org.megbox.facepipeline.internal.BlazeFaceDecoder.Candidate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * BlazeFace (human-models 3.0.4, 256² input, RGB scaled to −1..1) on images of any size: the whole image letterboxed
 * into one square, then, for large images, overlapping square tiles a quarter as big per level, down to
 * {@link Config#smallestTile()} pixels, so a small face in a 1080p frame is seen at a useful scale. One run finds
 * faces down to about 10 pixels of its 256² input (measured: FaceBenchmark#smallestFace), i.e. 4 % of its square;
 * tiles overlap by a quarter of their side (6 % of the coarser square), so every face too small for the coarser level
 * lies whole in some tile. A candidate that crosses a tile edge inside the image is dropped there (another tile or the
 * coarser level sees it whole), then NMS merges all levels.
 */
@Component(service = FaceDetector.class, configurationPid = "org.megbox.facepipeline.detector")
@Designate(ocd = BlazeFaceDetector.Config.class)
public final class BlazeFaceDetector implements FaceDetector {

    @ObjectClassDefinition(name = "MegBox face detector (BlazeFace)")
    public @interface Config {
        @AttributeDefinition(description = "Smallest BlazeFace score (sigmoid, 0..1) reported as a face")
        float scoreThreshold() default 0.6f;

        @AttributeDefinition(description = "Boxes overlapping more than this (IoU) are one face")
        float nmsIou() default 0.3f;

        @AttributeDefinition(description = "Side (pixels) of the smallest tiles a large image is cut into; smaller "
                + "finds smaller faces and costs more runs. 0 = the whole image only")
        int smallestTile() default 512;
    }

    static final String MODEL_ID = "blazeface-human-3.0.4";
    static final String RESOURCE = "models/blazeface.onnx";
    /** A candidate closer than this share of the tile to an inner tile edge is left to another tile. */
    private static final float EDGE_MARGIN = 0.01f;

    private final ModelHandle model;
    private final float scoreThreshold;
    private final float nmsIou;
    private final int smallestTile;

    @Activate
    public BlazeFaceDetector(@Reference InferenceEngineService engine, BundleContext context, Config config) {
        this(engine, context.getBundle().getEntry(RESOURCE), config.scoreThreshold(), config.nmsIou(),
                config.smallestTile());
    }

    BlazeFaceDetector(InferenceEngineService engine, URL model, float scoreThreshold, float nmsIou, int smallestTile) {
        this.model = new ModelHandle(engine, "blazeface", model);
        this.scoreThreshold = scoreThreshold;
        this.nmsIou = nmsIou;
        this.smallestTile = smallestTile;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public List<DetectedFace> detect(Frame image) {
        InferenceModel m = model.get();
        List<Candidate> all = new ArrayList<>();
        for (Tile t : tiles(image.width(), image.height(), smallestTile)) {
            all.addAll(detectInTile(m, image, t));
        }
        List<Candidate> kept = BlazeFaceDecoder.nms(all, nmsIou);
        kept.sort(Comparator.comparingDouble((Candidate c) -> Math.min(c.width(), c.height())).reversed());
        List<DetectedFace> faces = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            faces.add(toFace(c, image.width(), image.height()));
        }
        return faces;
    }

    /** A square region of the image (may reach past its right/bottom edge: black there). */
    record Tile(int x0, int y0, int side) {
    }

    /** The whole image, then overlapping tiles a quarter the side of the level above, down to {@code smallest}. */
    static List<Tile> tiles(int w, int h, int smallest) {
        List<Tile> tiles = new ArrayList<>();
        int whole = Math.max(w, h);
        tiles.add(new Tile(0, 0, whole));
        if (smallest <= 0) {
            return tiles;
        }
        int side = whole;
        while (side > smallest) {
            side = Math.max(smallest, side / 4);
            int stride = side * 3 / 4;
            for (int y : starts(h, side, stride)) {
                for (int x : starts(w, side, stride)) {
                    tiles.add(new Tile(x, y, side));
                }
            }
        }
        return tiles;
    }

    private static List<Integer> starts(int length, int side, int stride) {
        List<Integer> s = new ArrayList<>();
        if (length <= side) {
            s.add(0);
            return s;
        }
        for (int p = 0;; p += stride) {
            if (p + side >= length) {
                s.add(length - side);
                return s;
            }
            s.add(p);
        }
    }

    /** Candidates of one tile in image pixels (score-thresholded, not yet merged). */
    private List<Candidate> detectInTile(InferenceModel m, Frame image, Tile t) {
        int n = BlazeFaceDecoder.INPUT;
        double scale = (double) t.side() / n;
        float[] input = Sampler.rgb(image, Affine.scaleTranslate(scale, t.x0(), t.y0()), n, n);
        for (int k = 0; k < input.length; k++) {
            input[k] = input[k] / 127.5f - 1f;
        }
        Map<String, Tensor> out;
        try {
            String inputName = m.inputs().keySet().iterator().next();
            out = m.run(Map.of(inputName, new Tensor(new long[] {1, n, n, 3}, input)));
        } catch (InferenceException e) {
            throw new IllegalStateException("BlazeFace failed: " + e.getMessage(), e);
        }
        List<Candidate> raw = BlazeFaceDecoder.decode(output(out, BlazeFaceDecoder.ANCHORS_16, 1),
                output(out, BlazeFaceDecoder.ANCHORS_32, 1), output(out, BlazeFaceDecoder.ANCHORS_16, 16),
                output(out, BlazeFaceDecoder.ANCHORS_32, 16), scoreThreshold);
        List<Candidate> inImage = new ArrayList<>(raw.size());
        float margin = EDGE_MARGIN * n;
        boolean innerLeft = t.x0() > 0;
        boolean innerTop = t.y0() > 0;
        boolean innerRight = t.x0() + t.side() < image.width();
        boolean innerBottom = t.y0() + t.side() < image.height();
        for (Candidate c : raw) {
            if (innerLeft && c.x1() < margin || innerTop && c.y1() < margin || innerRight && c.x2() > n - margin
                    || innerBottom && c.y2() > n - margin) {
                continue; // cut by this tile's edge: another tile or a coarser level sees it whole
            }
            float[] lm = c.landmarks().clone();
            for (int k = 0; k < lm.length; k += 2) {
                lm[k] = (float) (t.x0() + lm[k] * scale);
                lm[k + 1] = (float) (t.y0() + lm[k + 1] * scale);
            }
            inImage.add(new Candidate(c.score(), (float) (t.x0() + c.x1() * scale), (float) (t.y0() + c.y1() * scale),
                    (float) (t.x0() + c.x2() * scale), (float) (t.y0() + c.y2() * scale), lm));
        }
        return inImage;
    }

    /** The output with {@code anchors} rows and {@code columns} values per row (the importer keeps tfjs' names). */
    private static float[] output(Map<String, Tensor> out, int anchors, int columns) {
        for (Tensor t : out.values()) {
            long[] s = t.shape();
            if (s.length == 3 && s[1] == anchors && s[2] == columns) {
                return t.data();
            }
        }
        throw new IllegalStateException("BlazeFace output [1," + anchors + "," + columns + "] not found in "
                + out.keySet());
    }

    private static DetectedFace toFace(Candidate c, int w, int h) {
        Box box = new Box(clamp(c.x1(), w), clamp(c.y1(), h), clamp(c.x2(), w), clamp(c.y2(), h));
        List<Point> lm = new ArrayList<>(BlazeFaceDecoder.LANDMARKS);
        for (int k = 0; k < BlazeFaceDecoder.LANDMARKS; k++) {
            lm.add(new Point(c.landmarks()[2 * k], c.landmarks()[2 * k + 1]));
        }
        return new DetectedFace(box, c.score(), lm);
    }

    private static double clamp(float v, int max) {
        return v < 0 ? 0 : v > max ? max : v;
    }

    @Deactivate
    void deactivate() {
        model.close();
    }
}
