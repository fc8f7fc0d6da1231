package org.megbox.modelimport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal in-memory ONNX model (ModelProto / GraphProto / NodeProto / TensorProto / AttributeProto /
 * ValueInfoProto) and its protobuf serialisation. Field numbers follow onnx/onnx.proto (IR version 8).
 */
final class Onnx {

    private Onnx() {
    }

    // TensorProto.DataType
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;

    static final long IR_VERSION = 8;

    /** An initializer: name, ONNX data type, dims and little-endian raw bytes. */
    record Tensor(String name, int dataType, long[] dims, byte[] raw) {

        static Tensor floats(String name, long[] dims, float[] v) {
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                b.putFloat(f);
            }
            return new Tensor(name, FLOAT, dims, b.array());
        }

        static Tensor halfs(String name, long[] dims, short[] v) {
            ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (short s : v) {
                b.putShort(s);
            }
            return new Tensor(name, FLOAT16, dims, b.array());
        }

        static Tensor longs(String name, long[] dims, long[] v) {
            ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long l : v) {
                b.putLong(l);
            }
            return new Tensor(name, INT64, dims, b.array());
        }

        static Tensor ints(String name, long[] dims, int[] v) {
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i : v) {
                b.putInt(i);
            }
            return new Tensor(name, INT32, dims, b.array());
        }

        ProtoWriter proto() {
            ProtoWriter w = new ProtoWriter();
            for (long d : dims) {
                w.int64(1, d);
            }
            w.int64(2, dataType);
            w.string(8, name);
            w.bytes(9, raw);
            return w;
        }
    }

    /** AttributeProto; exactly one of the value fields is used, per {@code type}. */
    static final class Attr {
        final String name;
        final int type;
        Object value;

        private Attr(String name, int type, Object value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        static Attr f(String name, float v) {
            return new Attr(name, 1, v);
        }

        static Attr i(String name, long v) {
            return new Attr(name, 2, v);
        }

        static Attr s(String name, String v) {
            return new Attr(name, 3, v);
        }

        static Attr t(String name, Tensor v) {
            return new Attr(name, 4, v);
        }

        static Attr ints(String name, long... v) {
            return new Attr(name, 7, v);
        }

        ProtoWriter proto() {
            ProtoWriter w = new ProtoWriter();
            w.string(1, name);
            switch (type) {
                case 1 -> w.float32(2, (Float) value);
                case 2 -> w.int64(3, (Long) value);
                case 3 -> w.string(4, (String) value);
                case 4 -> w.message(5, ((Tensor) value).proto());
                case 7 -> {
                    for (long l : (long[]) value) {
                        w.int64(8, l);
                    }
                }
                default -> throw new IllegalStateException("attribute type " + type);
            }
            w.int64(20, type);
            return w;
        }
    }

    record Node(String name, String opType, List<String> inputs, List<String> outputs, List<Attr> attrs) {

        ProtoWriter proto() {
            ProtoWriter w = new ProtoWriter();
            for (String in : inputs) {
                w.string(1, in);
            }
            for (String o : outputs) {
                w.string(2, o);
            }
            w.string(3, name);
            w.string(4, opType);
            for (Attr a : attrs) {
                w.message(5, a.proto());
            }
            return w;
        }
    }

    /** ValueInfoProto of a tensor; a negative dim is written as a symbolic dimension. */
    record ValueInfo(String name, int elemType, long[] dims) {

        ProtoWriter proto() {
            ProtoWriter shape = new ProtoWriter();
            for (int i = 0; i < dims.length; i++) {
                ProtoWriter dim = new ProtoWriter();
                if (dims[i] >= 0) {
                    dim.int64(1, dims[i]);
                } else {
                    dim.string(2, i == 0 ? "batch" : "d" + i);
                }
                shape.message(1, dim);
            }
            ProtoWriter tensorType = new ProtoWriter().int64(1, elemType).message(2, shape);
            ProtoWriter type = new ProtoWriter().message(1, tensorType);
            return new ProtoWriter().string(1, name).message(2, type);
        }
    }

    static final class Graph {
        final String name;
        final List<Node> nodes = new ArrayList<>();
        final List<Tensor> initializers = new ArrayList<>();
        final List<ValueInfo> inputs = new ArrayList<>();
        final List<ValueInfo> outputs = new ArrayList<>();
        final Map<String, String> metadata = new LinkedHashMap<>();

        Graph(String name) {
            this.name = name;
        }

        /** Serialises the whole ModelProto. */
        byte[] toModelBytes(int opset, String producer, String producerVersion, String docString) {
            ProtoWriter g = new ProtoWriter();
            for (Node n : nodes) {
                g.message(1, n.proto());
            }
            g.string(2, name);
            for (Tensor t : initializers) {
                g.message(5, t.proto());
            }
            for (ValueInfo v : inputs) {
                g.message(11, v.proto());
            }
            for (ValueInfo v : outputs) {
                g.message(12, v.proto());
            }
            ProtoWriter m = new ProtoWriter();
            m.int64(1, IR_VERSION);
            m.string(2, producer);
            m.string(3, producerVersion);
            m.string(6, docString);
            m.message(7, g);
            m.message(8, new ProtoWriter().string(1, "").int64(2, opset));
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                m.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
            }
            return m.toByteArray();
        }
    }
}
