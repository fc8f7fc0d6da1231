package org.megbox.modelimport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.megbox.modelimport.Onnx.Attr;
import org.megbox.modelimport.TfjsModel.NodeDef;
import org.megbox.modelimport.TfjsModel.Weight;

/**
 * Converts a {@link TfjsModel} into an ONNX graph (opset 13, default domain).
 *
 * <p>Design: the TF graph is walked from its outputs (depth first, so ONNX nodes come out in topological
 * order). Every TF tensor becomes a {@link Val}: either a constant known at import time (weights, shapes,
 * axes; small integer sub-graphs such as nanodet's {@code SparseToDense} are folded here) or an ONNX
 * tensor name. Static shapes are inferred along the way; they give the explicit SAME paddings (TF SAME
 * = pad {@code total/2} before and the rest after, which differs from a symmetric pad at stride 2) and the
 * Resize target sizes.
 *
 * <p>Layout: tensors keep TF's NHWC layout; each Conv / depthwise Conv / MaxPool / Resize is wrapped in
 * Transpose(0,3,1,2) ... Transpose(0,2,3,1) with its weights permuted at import time (HWIO → OIHW,
 * depthwise HW·C·M → (C·M)·1·HW with group = C). ONNX Runtime's transpose optimiser cancels the pairs
 * between consecutive layers at session creation, so the cost is paid only at the graph's edges.
 *
 * <p>Integers: TF int32/int64 tensors are carried as ONNX INT32 (TFJS stores both as int32); ops whose
 * ONNX form needs INT64 (shapes, pads, axes, k, sizes) get INT64 initializers made from the constants.
 * TopK's INT64 indices are cast back to INT32.
 */
final class Converter {

    static final int OPSET = 13;

    /** TF dtypes as seen here. */
    enum DType {
        F32(Onnx.FLOAT), I32(Onnx.INT32), BOOL(Onnx.BOOL);

        final int onnx;

        DType(int onnx) {
            this.onnx = onnx;
        }
    }

    /** A TF tensor during conversion. {@code shape} entries are -1 when unknown; null shape = unknown rank. */
    static final class Val {
        final DType dtype;
        final long[] shape;
        // constant payload (null for runtime tensors)
        final float[] f;
        final int[] i;
        final short[] half;
        // ONNX tensor name, created lazily for constants (on first use as an ONNX input)
        String onnxName;
        String constBase;

        Val(DType dtype, long[] shape, float[] f, int[] i, short[] half, String onnxName) {
            this.dtype = dtype;
            this.shape = shape;
            this.f = f;
            this.i = i;
            this.half = half;
            this.onnxName = onnxName;
        }

        boolean isConst() {
            return f != null || i != null;
        }

        int rank() {
            return shape.length;
        }

        long[] longs() {
            if (i == null) {
                throw new IllegalArgumentException("expected an integer constant");
            }
            long[] r = new long[i.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = i[k];
            }
            return r;
        }
    }

    private final TfjsModel model;
    final Onnx.Graph graph;
    private final Map<String, Val> values = new HashMap<>();
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> inProgress = new LinkedHashSet<>();
    final Map<String, Integer> opCounts = new TreeMap<>();

    /** Test hook: forces one ONNX coordinate_transformation_mode on every Resize (null = the faithful one). */
    private final String resizeOverride;

    Converter(TfjsModel model, String graphName) {
        this(model, graphName, null);
    }

    Converter(TfjsModel model, String graphName, String resizeOverride) {
        this.resizeOverride = resizeOverride;
        this.model = model;
        this.graph = new Onnx.Graph(graphName);
    }

    /** Converts the graph; returns the ONNX output names in order. */
    List<String> convert() {
        List<String> outs = model.signatureOutputs.isEmpty() ? danglingOutputs() : model.signatureOutputs;
        List<String> names = new ArrayList<>();
        for (String out : outs) {
            usedNames.add(cleanName(out)); // graph outputs keep their TF names; intermediates give way
        }
        for (String out : outs) {
            Val v = resolve(out);
            String name = cleanName(out);
            String src = name(v);
            graph.nodes.add(new Onnx.Node(unique(name + "/output"), "Identity", List.of(src), List.of(name), List.of()));
            graph.outputs.add(new Onnx.ValueInfo(name, v.dtype.onnx, v.shape));
            names.add(name);
        }
        return names;
    }

    private List<String> danglingOutputs() {
        Set<String> consumed = new LinkedHashSet<>();
        for (NodeDef n : model.nodes.values()) {
            for (String in : n.inputs()) {
                consumed.add(nodeName(in));
            }
        }
        List<String> r = new ArrayList<>();
        for (NodeDef n : model.nodes.values()) {
            if (!consumed.contains(n.name()) && !n.op().equals("Const") && !n.op().equals("NoOp")) {
                r.add(n.name());
            }
        }
        return r;
    }

    static String cleanName(String tfName) {
        return tfName.endsWith(":0") ? tfName.substring(0, tfName.length() - 2) : tfName;
    }

    private static String nodeName(String input) {
        int c = input.lastIndexOf(':');
        return c > 0 && input.substring(c + 1).chars().allMatch(Character::isDigit) ? input.substring(0, c) : input;
    }

    private static int outputIndex(String input) {
        int c = input.lastIndexOf(':');
        return c > 0 && input.substring(c + 1).chars().allMatch(Character::isDigit) && c + 1 < input.length()
                ? Integer.parseInt(input.substring(c + 1)) : 0;
    }

    private String unique(String base) {
        String n = base;
        int k = 1;
        while (!usedNames.add(n)) {
            n = base + "_" + k++;
        }
        return n;
    }

    // ------------------------------------------------------------------ resolution

    Val resolve(String input) {
        String node = nodeName(input);
        int idx = outputIndex(input);
        String key = node + ":" + idx;
        Val v = values.get(key);
        if (v != null) {
            return v;
        }
        NodeDef def = model.nodes.get(node);
        if (def == null) {
            throw new IllegalArgumentException("unknown tensor " + input);
        }
        if (!inProgress.add(node)) {
            throw new IllegalArgumentException("cycle at " + node);
        }
        List<Val> outs = convertNode(def);
        inProgress.remove(node);
        opCounts.merge(def.op(), 1, Integer::sum);
        for (int k = 0; k < outs.size(); k++) {
            values.put(node + ":" + k, outs.get(k));
        }
        v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(def.op() + " " + node + " has no output " + idx);
        }
        return v;
    }

    private Val in(NodeDef n, int k) {
        return resolve(n.inputs().get(k));
    }

    private Val constIn(NodeDef n, int k) {
        Val v = in(n, k);
        if (!v.isConst()) {
            throw new IllegalArgumentException(n.op() + " " + n.name() + ": input " + k + " must be a constant");
        }
        return v;
    }

    /** The ONNX name of a value, emitting an initializer for constants on first use. */
    String name(Val v) {
        if (v.onnxName != null) {
            return v.onnxName;
        }
        if (!v.isConst()) {
            throw new IllegalStateException("value without name");
        }
        String n = unique(v.constBase);
        long[] shape = v.shape;
        if (v.half != null && v.half.length >= 16) {
            // stored as float16 exactly as shipped; the Cast is folded by ONNX Runtime at session creation
            String h = unique(v.constBase + "/f16");
            graph.initializers.add(Onnx.Tensor.halfs(h, shape, v.half));
            graph.nodes.add(new Onnx.Node(unique(n + "/cast"), "Cast", List.of(h), List.of(n), List.of(Attr.i("to", Onnx.FLOAT))));
        } else if (v.f != null) {
            graph.initializers.add(Onnx.Tensor.floats(n, shape, v.f));
        } else if (v.dtype == DType.BOOL) {
            byte[] raw = new byte[v.i.length];
            for (int k = 0; k < raw.length; k++) {
                raw[k] = (byte) (v.i[k] != 0 ? 1 : 0);
            }
            graph.initializers.add(new Onnx.Tensor(n, Onnx.BOOL, shape, raw));
        } else {
            graph.initializers.add(Onnx.Tensor.ints(n, shape, v.i));
        }
        v.onnxName = n;
        return n;
    }

    private static Val constant(String tfName, DType t, long[] shape, float[] f, int[] i, short[] half) {
        Val v = new Val(t, shape, f, i, half, null);
        v.constBase = tfName;
        return v;
    }

    private String int64Const(String base, long... v) {
        String n = unique(base);
        graph.initializers.add(Onnx.Tensor.longs(n, new long[] {v.length}, v));
        return n;
    }

    private String floatScalar(String base, float v) {
        String n = unique(base);
        graph.initializers.add(Onnx.Tensor.floats(n, new long[0], new float[] {v}));
        return n;
    }

    /** Emits one ONNX node with a single output; returns its output name. */
    private String node(String baseName, String op, List<String> inputs, Attr... attrs) {
        String out = unique(baseName);
        graph.nodes.add(new Onnx.Node(unique(out + "/" + op), op, inputs, List.of(out), List.of(attrs)));
        return out;
    }

    private static Val runtime(DType t, long[] shape, String name) {
        return new Val(t, shape, null, null, null, name);
    }

    // ------------------------------------------------------------------ ops

    private List<Val> convertNode(NodeDef n) {
        String op = n.op();
        String nm = n.name();
        switch (op) {
            case "Const": {
                Weight w = model.weights.get(nm);
                if (w == null) {
                    throw new IllegalArgumentException("constant " + nm + " has no weight in the manifest");
                }
                DType t = switch (w.dtype()) {
                    case "float32" -> DType.F32;
                    case "bool" -> DType.BOOL;
                    default -> DType.I32;
                };
                return List.of(constant(nm, t, w.shape(), w.floats(), w.ints(), w.halfs()));
            }
            case "Placeholder": {
                long[] shape = placeholderShape(n);
                usedNames.add(nm);
                graph.inputs.add(new Onnx.ValueInfo(nm, Onnx.FLOAT, shape));
                return List.of(runtime(DType.F32, shape, nm));
            }
            case "Identity":
            case "StopGradient":
            case "Snapshot":
                return List.of(in(n, 0));
            case "Conv2D":
            case "_FusedConv2D":
                return List.of(conv(n, false));
            case "DepthwiseConv2dNative":
            case "FusedDepthwiseConv2dNative":
                return List.of(conv(n, true));
            case "MaxPool":
                return List.of(maxPool(n));
            case "Add":
            case "AddV2":
            case "BiasAdd":
                return List.of(binary(n, "Add"));
            case "Sub":
                return List.of(binary(n, "Sub"));
            case "Mul":
                return List.of(binary(n, "Mul"));
            case "RealDiv":
            case "Div":
                return List.of(binary(n, "Div"));
            case "Maximum":
                return List.of(binary(n, "Max"));
            case "Minimum":
                return List.of(binary(n, "Min"));
            case "Equal":
                return List.of(binary(n, "Equal"));
            case "FloorDiv":
                return List.of(binary(n, "FloorDiv"));
            case "FloorMod":
                return List.of(binary(n, "FloorMod"));
            case "Relu":
                return List.of(unary(n, "Relu"));
            case "Sigmoid":
                return List.of(unary(n, "Sigmoid"));
            case "Abs":
                return List.of(unary(n, "Abs"));
            case "Tanh":
                return List.of(unary(n, "Tanh"));
            case "Exp":
                return List.of(unary(n, "Exp"));
            case "Sqrt":
                return List.of(unary(n, "Sqrt"));
            case "Neg":
                return List.of(unary(n, "Neg"));
            case "Relu6": {
                Val x = in(n, 0);
                return List.of(runtime(x.dtype, x.shape, node(nm, "Clip", List.of(name(x), floatScalar(nm + "/min", 0f), floatScalar(nm + "/max", 6f)))));
            }
            case "LeakyRelu": {
                Val x = in(n, 0);
                return List.of(runtime(x.dtype, x.shape, node(nm, "LeakyRelu", List.of(name(x)), Attr.f("alpha", n.real("alpha", 0.2f)))));
            }
            case "Square": {
                Val x = in(n, 0);
                return List.of(runtime(x.dtype, x.shape, node(nm, "Mul", List.of(name(x), name(x)))));
            }
            case "Rsqrt": {
                Val x = in(n, 0);
                String s = node(nm + "/sqrt", "Sqrt", List.of(name(x)));
                return List.of(runtime(x.dtype, x.shape, node(nm, "Reciprocal", List.of(s))));
            }
            case "Softmax": {
                Val x = in(n, 0);
                return List.of(runtime(x.dtype, x.shape, node(nm, "Softmax", List.of(name(x)), Attr.i("axis", -1))));
            }
            case "Mean":
            case "Sum":
            case "Max":
                return List.of(reduce(n));
            case "ResizeBilinear":
                return List.of(resize(n));
            case "ConcatV2":
                return List.of(concat(n));
            case "Reshape":
                return List.of(reshape(n));
            case "Transpose":
                return List.of(transpose(n));
            case "Pad":
            case "PadV2":
                return List.of(pad(n));
            case "SplitV":
                return splitV(n);
            case "StridedSlice":
                return List.of(stridedSlice(n));
            case "ExpandDims":
                return List.of(expandDims(n));
            case "Squeeze":
                return List.of(squeeze(n));
            case "Cast":
                return List.of(cast(n));
            case "TopKV2":
                return topK(n);
            case "GatherV2":
                return List.of(gather(n));
            case "SparseToDense":
                return List.of(sparseToDense(n));
            case "_FusedMatMul":
            case "MatMul":
                return List.of(matMul(n));
            default:
                throw new UnsupportedOperationException("TF op " + op + " (node " + nm + ") is not supported");
        }
    }

    private static long[] placeholderShape(NodeDef n) {
        var s = n.a("shape");
        if (s == null || !s.has("shape")) {
            throw new IllegalArgumentException("placeholder " + n.name() + " without shape");
        }
        var dims = s.get("shape").path("dim");
        long[] r = new long[dims.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = dims.get(k).has("size") ? Long.parseLong(dims.get(k).get("size").asText()) : -1;
        }
        return r;
    }

    private void requireNhwc(NodeDef n) {
        String fmt = n.string("data_format", "NHWC");
        if (!fmt.equals("NHWC")) {
            throw new UnsupportedOperationException(n.name() + ": data_format " + fmt);
        }
    }

    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    /** Explicit pads [top, left, bottom, right] for a TF padding mode over NHWC input spatial dims. */
    private static long[] spatialPads(NodeDef n, long[] inShape, long kh, long kw, long sh, long sw, long dh, long dw) {
        String padding = n.string("padding", "VALID");
        if (padding.equals("VALID")) {
            return new long[] {0, 0, 0, 0};
        }
        if (!padding.equals("SAME")) {
            throw new UnsupportedOperationException(n.name() + ": padding " + padding);
        }
        if (inShape[1] < 0 || inShape[2] < 0) {
            return null; // unknown size: let ONNX compute SAME_UPPER (identical to TF SAME)
        }
        long[] ph = samePads(inShape[1], kh, sh, dh);
        long[] pw = samePads(inShape[2], kw, sw, dw);
        return new long[] {ph[0], pw[0], ph[1], pw[1]};
    }

    /** TF SAME padding of one spatial dim: {before, after}; the odd pixel goes after. */
    static long[] samePads(long in, long k, long s, long d) {
        long eff = (k - 1) * d + 1;
        long out = (in + s - 1) / s;
        long total = Math.max((out - 1) * s + eff - in, 0);
        return new long[] {total / 2, total - total / 2};
    }

    private static long outDim(long in, long k, long s, long padTotal) {
        return in < 0 ? -1 : (in + padTotal - k) / s + 1;
    }

    private Val conv(NodeDef n, boolean depthwise) {
        requireNhwc(n);
        Val x = in(n, 0);
        Val w = constIn(n, 1);
        long[] strides = n.ints("strides");
        long[] dil = n.ints("dilations");
        long sh = strides.length == 4 ? strides[1] : 1;
        long sw = strides.length == 4 ? strides[2] : 1;
        long dh = dil.length == 4 ? dil[1] : 1;
        long dw = dil.length == 4 ? dil[2] : 1;
        int kh = (int) w.shape[0];
        int kw = (int) w.shape[1];
        int ci = (int) w.shape[2];
        int co = (int) w.shape[3];
        long outC;
        long[] onnxShape;
        int[] perm;
        long group;
        if (depthwise) {
            // [kh,kw,C,M] -> [C*M,1,kh,kw]
            outC = (long) ci * co;
            onnxShape = new long[] {outC, 1, kh, kw};
            perm = new int[kh * kw * ci * co];
            for (int c = 0; c < ci; c++) {
                for (int m = 0; m < co; m++) {
                    for (int y = 0; y < kh; y++) {
                        for (int xx = 0; xx < kw; xx++) {
                            perm[(((c * co + m) * kh + y) * kw) + xx] = ((y * kw + xx) * ci + c) * co + m;
                        }
                    }
                }
            }
            group = ci;
        } else {
            // HWIO -> OIHW
            outC = co;
            onnxShape = new long[] {co, ci, kh, kw};
            perm = new int[kh * kw * ci * co];
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < ci; i++) {
                    for (int y = 0; y < kh; y++) {
                        for (int xx = 0; xx < kw; xx++) {
                            perm[(((o * ci + i) * kh + y) * kw) + xx] = ((y * kw + xx) * ci + i) * co + o;
                        }
                    }
                }
            }
            long inC = x.shape[3];
            group = inC > 0 && inC != ci ? inC / ci : 1;
        }
        Val wOnnx = constant(n.name() + "/W", DType.F32, onnxShape, permute(w.f, perm), null, w.half == null ? null : permute(w.half, perm));
        List<String> inputs = new ArrayList<>(List.of(transposeName(x, TO_NCHW, n.name() + "/nchw"), name(wOnnx)));
        List<String> fused = n.strings("fused_ops");
        int extra = 2;
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd")) {
                throw new UnsupportedOperationException(n.name() + ": fused_ops " + fused);
            }
            Val b = constIn(n, extra++);
            inputs.add(name(b));
        }
        long[] pads = spatialPads(n, x.shape, kh, kw, sh, sw, dh, dw);
        List<Attr> attrs = new ArrayList<>(List.of(Attr.ints("kernel_shape", kh, kw), Attr.ints("strides", sh, sw),
                Attr.ints("dilations", dh, dw), Attr.i("group", group)));
        attrs.add(pads == null ? Attr.s("auto_pad", "SAME_UPPER") : Attr.ints("pads", pads));
        String y = unique(n.name() + "/conv");
        graph.nodes.add(new Onnx.Node(unique(y + "/Conv"), "Conv", inputs, List.of(y), attrs));
        y = activations(n, fused.size() > 1 ? fused.subList(1, fused.size()) : List.of(), y);
        long[] outShape = convOutShape(x.shape, outC, kh, kw, sh, sw, dh, dw, pads, n);
        return runtime(DType.F32, outShape, node(n.name(), "Transpose", List.of(y), Attr.ints("perm", TO_NHWC)));
    }

    private static long[] convOutShape(long[] in, long c, long kh, long kw, long sh, long sw, long dh, long dw, long[] pads, NodeDef n) {
        boolean same = n.string("padding", "VALID").equals("SAME");
        long h;
        long w;
        if (same) {
            h = in[1] < 0 ? -1 : (in[1] + sh - 1) / sh;
            w = in[2] < 0 ? -1 : (in[2] + sw - 1) / sw;
        } else {
            h = outDim(in[1], (kh - 1) * dh + 1, sh, 0);
            w = outDim(in[2], (kw - 1) * dw + 1, sw, 0);
        }
        return new long[] {in[0], h, w, c};
    }

    private String activations(NodeDef n, List<String> ops, String y) {
        for (String a : ops) {
            switch (a) {
                case "Relu" -> y = node(n.name() + "/relu", "Relu", List.of(y));
                case "Relu6" -> y = node(n.name() + "/relu6", "Clip", List.of(y, floatScalar(n.name() + "/min", 0f), floatScalar(n.name() + "/max", 6f)));
                case "LeakyRelu" -> y = node(n.name() + "/leakyrelu", "LeakyRelu", List.of(y), Attr.f("alpha", n.real("leakyrelu_alpha", 0.2f)));
                case "Sigmoid" -> y = node(n.name() + "/sigmoid", "Sigmoid", List.of(y));
                case "Elu" -> y = node(n.name() + "/elu", "Elu", List.of(y));
                default -> throw new UnsupportedOperationException(n.name() + ": fused activation " + a);
            }
        }
        return y;
    }

    private String transposeName(Val x, long[] perm, String base) {
        return node(base, "Transpose", List.of(name(x)), Attr.ints("perm", perm));
    }

    private static float[] permute(float[] src, int[] perm) {
        float[] r = new float[perm.length];
        for (int k = 0; k < perm.length; k++) {
            r[k] = src[perm[k]];
        }
        return r;
    }

    private static short[] permute(short[] src, int[] perm) {
        short[] r = new short[perm.length];
        for (int k = 0; k < perm.length; k++) {
            r[k] = src[perm[k]];
        }
        return r;
    }

    private Val maxPool(NodeDef n) {
        requireNhwc(n);
        Val x = in(n, 0);
        long[] k = n.ints("ksize");
        long[] s = n.ints("strides");
        long[] pads = spatialPads(n, x.shape, k[1], k[2], s[1], s[2], 1, 1);
        List<Attr> attrs = new ArrayList<>(List.of(Attr.ints("kernel_shape", k[1], k[2]), Attr.ints("strides", s[1], s[2])));
        attrs.add(pads == null ? Attr.s("auto_pad", "SAME_UPPER") : Attr.ints("pads", pads));
        String t = transposeName(x, TO_NCHW, n.name() + "/nchw");
        String y = unique(n.name() + "/pool");
        graph.nodes.add(new Onnx.Node(unique(y + "/MaxPool"), "MaxPool", List.of(t), List.of(y), attrs));
        long[] out = convOutShape(x.shape, x.shape[3], k[1], k[2], s[1], s[2], 1, 1, pads, n);
        return runtime(x.dtype, out, node(n.name(), "Transpose", List.of(y), Attr.ints("perm", TO_NHWC)));
    }

    private static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] o = new long[r];
        for (int k = 0; k < r; k++) {
            long da = k - (r - a.length) >= 0 ? a[k - (r - a.length)] : 1;
            long db = k - (r - b.length) >= 0 ? b[k - (r - b.length)] : 1;
            o[k] = da == 1 ? db : db == 1 ? da : (da < 0 ? db : da);
        }
        return o;
    }

    private Val binary(NodeDef n, String op) {
        Val a = in(n, 0);
        Val b = in(n, 1);
        long[] shape = broadcast(a.shape, b.shape);
        if (a.isConst() && b.isConst() && a.i != null && b.i != null) {
            return foldIntBinary(n, op, a, b, shape);
        }
        DType out = op.equals("Equal") ? DType.BOOL : a.dtype;
        String y;
        switch (op) {
            case "FloorDiv" -> {
                if (a.dtype == DType.F32) {
                    y = node(n.name(), "Floor", List.of(node(n.name() + "/div", "Div", List.of(name(a), name(b)))));
                } else {
                    // integer division: ONNX Div truncates toward zero, TF floors. a - floormod(a, b) is an exact
                    // multiple of b, so truncating division of it is the floor division for every sign.
                    String r = node(n.name() + "/mod", "Mod", List.of(name(a), name(b)), Attr.i("fmod", 0));
                    String d = node(n.name() + "/sub", "Sub", List.of(name(a), r));
                    y = node(n.name(), "Div", List.of(d, name(b)));
                }
            }
            case "FloorMod" -> y = node(n.name(), "Mod", List.of(name(a), name(b)), Attr.i("fmod", a.dtype == DType.F32 ? 1 : 0));
            default -> y = node(n.name(), op, List.of(name(a), name(b)));
        }
        return runtime(out, shape, y);
    }

    private Val foldIntBinary(NodeDef n, String op, Val a, Val b, long[] shape) {
        int count = 1;
        for (long d : shape) {
            count *= (int) d;
        }
        int[] r = new int[count];
        for (int k = 0; k < count; k++) {
            int x = a.i[a.i.length == 1 ? 0 : k];
            int y = b.i[b.i.length == 1 ? 0 : k];
            if (a.i.length != 1 && a.i.length != count || b.i.length != 1 && b.i.length != count) {
                throw new UnsupportedOperationException(n.name() + ": constant broadcast");
            }
            r[k] = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                case "FloorDiv" -> Math.floorDiv(x, y);
                case "FloorMod" -> Math.floorMod(x, y);
                case "Max" -> Math.max(x, y);
                case "Min" -> Math.min(x, y);
                case "Equal" -> x == y ? 1 : 0;
                default -> throw new UnsupportedOperationException(n.name() + ": fold " + op);
            };
        }
        return constant(n.name(), op.equals("Equal") ? DType.BOOL : DType.I32, shape, null, r, null);
    }

    private Val unary(NodeDef n, String op) {
        Val x = in(n, 0);
        return runtime(x.dtype, x.shape, node(n.name(), op, List.of(name(x))));
    }

    private static int axis(long a, int rank) {
        return (int) (a < 0 ? a + rank : a);
    }

    private Val reduce(NodeDef n) {
        Val x = in(n, 0);
        long[] axes = constIn(n, 1).longs();
        boolean keep = n.bool("keep_dims", false);
        Set<Integer> ax = new LinkedHashSet<>();
        for (long a : axes) {
            ax.add(axis(a, x.rank()));
        }
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < x.rank(); k++) {
            if (ax.contains(k)) {
                if (keep) {
                    out.add(1L);
                }
            } else {
                out.add(x.shape[k]);
            }
        }
        long[] onnxAxes = ax.stream().mapToLong(Integer::longValue).toArray();
        String y = switch (n.op()) {
            case "Mean" -> node(n.name(), "ReduceMean", List.of(name(x)), Attr.ints("axes", onnxAxes), Attr.i("keepdims", keep ? 1 : 0));
            case "Max" -> node(n.name(), "ReduceMax", List.of(name(x)), Attr.ints("axes", onnxAxes), Attr.i("keepdims", keep ? 1 : 0));
            default -> node(n.name(), "ReduceSum", List.of(name(x), int64Const(n.name() + "/axes", onnxAxes)), Attr.i("keepdims", keep ? 1 : 0));
        };
        return runtime(x.dtype, out.stream().mapToLong(Long::longValue).toArray(), y);
    }

    private Val resize(NodeDef n) {
        Val x = in(n, 0);
        long[] size = constIn(n, 1).longs();
        boolean alignCorners = n.bool("align_corners", false);
        boolean halfPixel = n.bool("half_pixel_centers", false);
        if (x.shape[0] < 0 || x.shape[3] < 0) {
            throw new UnsupportedOperationException(n.name() + ": ResizeBilinear needs known batch and channels");
        }
        String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        if (resizeOverride != null) {
            mode = resizeOverride;
        }
        String t = transposeName(x, TO_NCHW, n.name() + "/nchw");
        String sizes = int64Const(n.name() + "/sizes", x.shape[0], x.shape[3], size[0], size[1]);
        String y = node(n.name() + "/resize", "Resize", List.of(t, "", "", sizes),
                Attr.s("mode", "linear"), Attr.s("coordinate_transformation_mode", mode));
        return runtime(x.dtype, new long[] {x.shape[0], size[0], size[1], x.shape[3]},
                node(n.name(), "Transpose", List.of(y), Attr.ints("perm", TO_NHWC)));
    }

    private Val concat(NodeDef n) {
        int count = n.inputs().size() - 1;
        Val first = in(n, 0);
        int ax = axis(constIn(n, count).i[0], first.rank());
        List<String> names = new ArrayList<>();
        long[] shape = first.shape.clone();
        shape[ax] = 0;
        for (int k = 0; k < count; k++) {
            Val v = in(n, k);
            names.add(name(v));
            shape[ax] = shape[ax] < 0 || v.shape[ax] < 0 ? -1 : shape[ax] + v.shape[ax];
        }
        return runtime(first.dtype, shape, node(n.name(), "Concat", names, Attr.i("axis", ax)));
    }

    private Val reshape(NodeDef n) {
        Val x = in(n, 0);
        long[] target = constIn(n, 1).longs();
        long[] shape = target.clone();
        long known = 1;
        int unknown = -1;
        for (int k = 0; k < shape.length; k++) {
            if (shape[k] == -1) {
                unknown = k;
            } else {
                known *= shape[k];
            }
        }
        if (unknown >= 0) {
            long total = 1;
            for (long d : x.shape) {
                total = total < 0 || d < 0 ? -1 : total * d;
            }
            shape[unknown] = total < 0 ? -1 : total / known;
        }
        if (x.isConst() && x.i != null) {
            return constant(n.name(), x.dtype, shape, null, x.i, null);
        }
        return runtime(x.dtype, shape, node(n.name(), "Reshape", List.of(name(x), int64Const(n.name() + "/shape", target))));
    }

    private Val transpose(NodeDef n) {
        Val x = in(n, 0);
        long[] perm = constIn(n, 1).longs();
        long[] shape = new long[perm.length];
        for (int k = 0; k < perm.length; k++) {
            shape[k] = x.shape[(int) perm[k]];
        }
        return runtime(x.dtype, shape, node(n.name(), "Transpose", List.of(name(x)), Attr.ints("perm", perm)));
    }

    private Val pad(NodeDef n) {
        Val x = in(n, 0);
        long[] p = constIn(n, 1).longs();
        int r = x.rank();
        long[] pads = new long[2 * r];
        long[] shape = x.shape.clone();
        for (int k = 0; k < r; k++) {
            pads[k] = p[2 * k];
            pads[k + r] = p[2 * k + 1];
            shape[k] = shape[k] < 0 ? -1 : shape[k] + p[2 * k] + p[2 * k + 1];
        }
        List<String> inputs = new ArrayList<>(List.of(name(x), int64Const(n.name() + "/pads", pads)));
        if (n.op().equals("PadV2")) {
            inputs.add(name(in(n, 2)));
        }
        return runtime(x.dtype, shape, node(n.name(), "Pad", inputs, Attr.s("mode", "constant")));
    }

    private List<Val> splitV(NodeDef n) {
        Val x = in(n, 0);
        long[] sizes = constIn(n, 1).longs();
        int ax = axis(constIn(n, 2).i[0], x.rank());
        long rest = x.shape[ax];
        int unknown = -1;
        for (int k = 0; k < sizes.length; k++) {
            if (sizes[k] == -1) {
                unknown = k;
            } else {
                rest -= sizes[k];
            }
        }
        if (unknown >= 0) {
            sizes[unknown] = rest;
        }
        List<String> outs = new ArrayList<>();
        List<Val> vals = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            String o = unique(n.name() + ":" + k);
            outs.add(o);
            long[] shape = x.shape.clone();
            shape[ax] = sizes[k];
            vals.add(runtime(x.dtype, shape, o));
        }
        graph.nodes.add(new Onnx.Node(unique(n.name() + "/Split"), "Split",
                List.of(name(x), int64Const(n.name() + "/split", sizes)), outs, List.of(Attr.i("axis", ax))));
        return vals;
    }

    private Val stridedSlice(NodeDef n) {
        Val x = in(n, 0);
        long[] begin = constIn(n, 1).longs();
        long[] end = constIn(n, 2).longs();
        long[] strides = constIn(n, 3).longs();
        long beginMask = n.integer("begin_mask", 0);
        long endMask = n.integer("end_mask", 0);
        long shrink = n.integer("shrink_axis_mask", 0);
        if (n.integer("ellipsis_mask", 0) != 0 || n.integer("new_axis_mask", 0) != 0) {
            throw new UnsupportedOperationException(n.name() + ": StridedSlice ellipsis/new_axis masks");
        }
        int dims = begin.length;
        long[] starts = new long[dims];
        long[] ends = new long[dims];
        long[] axes = new long[dims];
        long[] shape = x.shape.clone();
        List<Long> squeeze = new ArrayList<>();
        for (int k = 0; k < dims; k++) {
            long s = strides[k];
            axes[k] = k;
            starts[k] = (beginMask >> k & 1) != 0 ? (s > 0 ? 0 : Long.MAX_VALUE) : begin[k];
            ends[k] = (endMask >> k & 1) != 0 ? (s > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : end[k];
            if ((shrink >> k & 1) != 0) {
                ends[k] = begin[k] == -1 ? Long.MAX_VALUE : begin[k] + 1;
                starts[k] = begin[k];
                squeeze.add((long) k);
            }
            long d = x.shape[k];
            if (d >= 0) {
                long st = clampIndex(starts[k], d, s);
                long en = clampIndex(ends[k], d, s);
                shape[k] = s > 0 ? Math.max(0, (en - st + s - 1) / s) : Math.max(0, (st - en - s - 1) / -s);
            }
        }
        String y = node(n.name() + (squeeze.isEmpty() ? "" : "/slice"), "Slice", List.of(name(x),
                int64Const(n.name() + "/starts", starts), int64Const(n.name() + "/ends", ends),
                int64Const(n.name() + "/axes", axes), int64Const(n.name() + "/steps", strides)));
        if (!squeeze.isEmpty()) {
            long[] sq = squeeze.stream().mapToLong(Long::longValue).toArray();
            y = node(n.name(), "Squeeze", List.of(y, int64Const(n.name() + "/sq", sq)));
            List<Long> s2 = new ArrayList<>();
            for (int k = 0; k < shape.length; k++) {
                if (!squeeze.contains((long) k)) {
                    s2.add(shape[k]);
                }
            }
            shape = s2.stream().mapToLong(Long::longValue).toArray();
        }
        return runtime(x.dtype, shape, y);
    }

    private static long clampIndex(long v, long dim, long step) {
        if (v == Long.MAX_VALUE) {
            return step > 0 ? dim : dim - 1;
        }
        if (v == Long.MIN_VALUE) {
            return -1;
        }
        if (v < 0) {
            v += dim;
        }
        return step > 0 ? Math.max(0, Math.min(v, dim)) : Math.max(-1, Math.min(v, dim - 1));
    }

    private Val expandDims(NodeDef n) {
        Val x = in(n, 0);
        long a = constIn(n, 1).i[0];
        int ax = (int) (a < 0 ? a + x.rank() + 1 : a);
        long[] shape = new long[x.rank() + 1];
        for (int k = 0, j = 0; k < shape.length; k++) {
            shape[k] = k == ax ? 1 : x.shape[j++];
        }
        if (x.isConst() && x.i != null) {
            return constant(n.name(), x.dtype, shape, null, x.i, null);
        }
        return runtime(x.dtype, shape, node(n.name(), "Unsqueeze", List.of(name(x), int64Const(n.name() + "/axes", ax))));
    }

    private Val squeeze(NodeDef n) {
        Val x = in(n, 0);
        long[] dims = n.ints("squeeze_dims");
        if (dims.length == 0) {
            dims = n.ints("axis");
        }
        Set<Integer> ax = new LinkedHashSet<>();
        if (dims.length == 0) {
            for (int k = 0; k < x.rank(); k++) {
                if (x.shape[k] == 1) {
                    ax.add(k);
                }
            }
        } else {
            for (long d : dims) {
                ax.add(axis(d, x.rank()));
            }
        }
        List<Long> shape = new ArrayList<>();
        for (int k = 0; k < x.rank(); k++) {
            if (!ax.contains(k)) {
                shape.add(x.shape[k]);
            }
        }
        long[] axes = ax.stream().mapToLong(Integer::longValue).toArray();
        return runtime(x.dtype, shape.stream().mapToLong(Long::longValue).toArray(),
                node(n.name(), "Squeeze", List.of(name(x), int64Const(n.name() + "/axes", axes))));
    }

    private static DType tfType(String t) {
        return switch (t) {
            case "DT_FLOAT" -> DType.F32;
            case "DT_INT32", "DT_INT64" -> DType.I32;
            case "DT_BOOL" -> DType.BOOL;
            default -> throw new UnsupportedOperationException("dtype " + t);
        };
    }

    private Val cast(NodeDef n) {
        Val x = in(n, 0);
        DType to = tfType(n.a("DstT").get("type").asText());
        if (x.isConst()) {
            if (to == DType.F32) {
                float[] f = x.f != null ? x.f : new float[x.i.length];
                if (x.f == null) {
                    for (int k = 0; k < f.length; k++) {
                        f[k] = x.i[k];
                    }
                }
                return constant(n.name(), to, x.shape, f, null, null);
            }
            int[] v = x.i != null ? x.i : new int[x.f.length];
            if (x.i == null) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = (int) x.f[k];
                }
            }
            return constant(n.name(), to, x.shape, null, v, null);
        }
        if (to == x.dtype) {
            return x;
        }
        return runtime(to, x.shape, node(n.name(), "Cast", List.of(name(x)), Attr.i("to", to.onnx)));
    }

    private List<Val> topK(NodeDef n) {
        Val x = in(n, 0);
        long k = constIn(n, 1).i[0];
        if (!n.bool("sorted", true)) {
            throw new UnsupportedOperationException(n.name() + ": unsorted TopKV2");
        }
        long[] shape = x.shape.clone();
        shape[shape.length - 1] = k;
        String values = unique(n.name() + ":0");
        String indices = unique(n.name() + "/indices64");
        graph.nodes.add(new Onnx.Node(unique(n.name() + "/TopK"), "TopK", List.of(name(x), int64Const(n.name() + "/k", k)),
                List.of(values, indices), List.of(Attr.i("axis", -1), Attr.i("largest", 1), Attr.i("sorted", 1))));
        String idx32 = node(n.name() + ":1", "Cast", List.of(indices), Attr.i("to", Onnx.INT32));
        return List.of(runtime(x.dtype, shape, values), runtime(DType.I32, shape.clone(), idx32));
    }

    private Val gather(NodeDef n) {
        Val p = in(n, 0);
        Val idx = in(n, 1);
        int ax = axis(constIn(n, 2).i[0], p.rank());
        if (n.integer("batch_dims", 0) != 0) {
            throw new UnsupportedOperationException(n.name() + ": GatherV2 batch_dims");
        }
        long[] shape = new long[p.rank() - 1 + idx.rank()];
        int j = 0;
        for (int k = 0; k < ax; k++) {
            shape[j++] = p.shape[k];
        }
        for (long d : idx.shape) {
            shape[j++] = d;
        }
        for (int k = ax + 1; k < p.rank(); k++) {
            shape[j++] = p.shape[k];
        }
        return runtime(p.dtype, shape, node(n.name(), "Gather", List.of(name(p), name(idx)), Attr.i("axis", ax)));
    }

    /** Constant-folded: the graphs use it on constant (usually empty) indices to build shape vectors. */
    private Val sparseToDense(NodeDef n) {
        Val indices = constIn(n, 0);
        Val outShape = constIn(n, 1);
        Val vals = constIn(n, 2);
        Val dflt = constIn(n, 3);
        long[] shape = outShape.longs();
        int count = 1;
        for (long d : shape) {
            count *= (int) d;
        }
        int nIdx = indices.shape.length == 0 ? 1 : (int) indices.shape[0];
        int rank = indices.shape.length < 2 ? 1 : (int) indices.shape[1];
        if (vals.i != null) {
            int[] r = new int[count];
            Arrays.fill(r, dflt.i[0]);
            for (int k = 0; k < nIdx && indices.i.length > 0; k++) {
                int flat = 0;
                for (int d = 0; d < rank; d++) {
                    flat = flat * (int) shape[d] + indices.i[k * rank + d];
                }
                r[flat] = vals.i[vals.i.length == 1 ? 0 : k];
            }
            return constant(n.name(), vals.dtype, shape, null, r, null);
        }
        float[] r = new float[count];
        Arrays.fill(r, dflt.f[0]);
        for (int k = 0; k < nIdx && indices.i.length > 0; k++) {
            int flat = 0;
            for (int d = 0; d < rank; d++) {
                flat = flat * (int) shape[d] + indices.i[k * rank + d];
            }
            r[flat] = vals.f[vals.f.length == 1 ? 0 : k];
        }
        return constant(n.name(), DType.F32, shape, r, null, null);
    }

    private Val matMul(NodeDef n) {
        Val a = in(n, 0);
        Val b = in(n, 1);
        boolean ta = n.bool("transpose_a", false);
        boolean tb = n.bool("transpose_b", false);
        long m = ta ? a.shape[1] : a.shape[0];
        long cols = tb ? b.shape[0] : b.shape[1];
        List<String> fused = n.strings("fused_ops");
        List<String> inputs = new ArrayList<>(List.of(name(a), name(b)));
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd")) {
                throw new UnsupportedOperationException(n.name() + ": fused_ops " + fused);
            }
            inputs.add(name(in(n, 2)));
        }
        String y = node(n.name() + "/gemm", "Gemm", inputs, Attr.i("transA", ta ? 1 : 0), Attr.i("transB", tb ? 1 : 0));
        y = activations(n, fused.size() > 1 ? fused.subList(1, fused.size()) : List.of(), y);
        return runtime(DType.F32, new long[] {m, cols}, y);
    }
}
