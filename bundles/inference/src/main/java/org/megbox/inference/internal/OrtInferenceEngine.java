package org.megbox.inference.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.inference.InferenceModel;
import org.megbox.api.inference.Tensor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime behind {@link InferenceEngineService}: one process-wide {@link OrtEnvironment}, one session per
 * model name + SHA-256 shared by reference-counted handles, CPU execution provider only.
 *
 * <p>Thread budget: each session runs with {@code intraOpThreads} threads (default: all cores) and one
 * inter-op thread; at most {@code max(1, budget / intraOpThreads)} runs execute at the same time across
 * all models (a semaphore), so N channels asking at once queue instead of oversubscribing the CPU.
 */
@Component(service = InferenceEngineService.class, configurationPid = "org.megbox.inference")
@Designate(ocd = OrtInferenceEngine.Config.class)
public final class OrtInferenceEngine implements InferenceEngineService {

    @ObjectClassDefinition(name = "MegBox inference", description = "ONNX Runtime (CPU) thread budget")
    public @interface Config {
        @AttributeDefinition(description = "Threads the box gives to inference in total; 0 = number of cores")
        int threadBudget() default 0;

        @AttributeDefinition(description = "Threads one model run may use (ONNX Runtime intra-op threads); 0 = the whole budget")
        int intraOpThreads() default 0;

        @AttributeDefinition(description = "ONNX Runtime graph optimisation: NO_OPT, BASIC_OPT, EXTENDED_OPT or ALL_OPT")
        String optimizationLevel() default "ALL_OPT";

        @AttributeDefinition(description = "Let idle intra-op threads spin-wait for work (lower latency on an idle "
                + "machine, burns CPU the video decoders need on a busy one)")
        boolean allowSpinning() default false;
    }

    private static final Logger LOG = LoggerFactory.getLogger(OrtInferenceEngine.class);

    private final OrtEnvironment env;
    private final int intraOp;
    private final Semaphore runs;
    private final OrtSession.SessionOptions.OptLevel optLevel;
    private final boolean allowSpinning;
    private final Map<String, Shared> sessions = new HashMap<>();

    @Activate
    public OrtInferenceEngine(Config config) {
        int budget = config.threadBudget() > 0 ? config.threadBudget() : Runtime.getRuntime().availableProcessors();
        this.intraOp = config.intraOpThreads() > 0 ? Math.min(config.intraOpThreads(), budget) : budget;
        this.runs = new Semaphore(Math.max(1, budget / intraOp), true);
        this.optLevel = OrtSession.SessionOptions.OptLevel.valueOf(config.optimizationLevel());
        this.allowSpinning = config.allowSpinning();
        this.env = OrtEnvironment.getEnvironment();
        LOG.info("ONNX Runtime {} ready: budget {} threads, {} per run, {} concurrent run(s), spinning {}",
                env.getVersion(), budget, intraOp, runs.availablePermits(), allowSpinning ? "on" : "off");
    }

    /** For tests and tools outside OSGi. */
    public static OrtInferenceEngine create(int threadBudget, int intraOpThreads) {
        return create(threadBudget, intraOpThreads, false);
    }

    /** For tests and tools outside OSGi. */
    public static OrtInferenceEngine create(int threadBudget, int intraOpThreads, boolean allowSpinning) {
        return new OrtInferenceEngine(new Config() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return Config.class;
            }

            @Override
            public int threadBudget() {
                return threadBudget;
            }

            @Override
            public int intraOpThreads() {
                return intraOpThreads;
            }

            @Override
            public String optimizationLevel() {
                return "ALL_OPT";
            }

            @Override
            public boolean allowSpinning() {
                return allowSpinning;
            }
        });
    }

    @Override
    public int intraOpThreads() {
        return intraOp;
    }

    @Override
    public InferenceModel load(String name, URL model) throws InferenceException {
        try (InputStream in = model.openStream()) {
            return load(name, in.readAllBytes());
        } catch (IOException e) {
            throw new InferenceException("cannot read model " + name + " from " + model, e);
        }
    }

    @Override
    public InferenceModel load(String name, byte[] model) throws InferenceException {
        String sha = sha256(model);
        String key = name + "@" + sha;
        synchronized (sessions) {
            Shared s = sessions.get(key);
            if (s == null) {
                long t0 = System.nanoTime();
                try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                    opts.setIntraOpNumThreads(intraOp);
                    opts.setInterOpNumThreads(1);
                    opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                    opts.setOptimizationLevel(optLevel);
                    opts.addConfigEntry("session.intra_op.allow_spinning", allowSpinning ? "1" : "0");
                    s = new Shared(key, name, sha, env.createSession(model, opts));
                } catch (OrtException e) {
                    throw new InferenceException("cannot load model " + name + ": " + e.getMessage(), e);
                }
                sessions.put(key, s);
                LOG.info("model {} ({}) loaded in {} ms", name, sha.substring(0, 12), (System.nanoTime() - t0) / 1_000_000);
            }
            s.refs++;
            return new Handle(s);
        }
    }

    private void release(Shared s) {
        synchronized (sessions) {
            if (--s.refs == 0) {
                sessions.remove(s.key);
                try {
                    s.session.close();
                } catch (OrtException e) {
                    LOG.warn("closing model {}: {}", s.name, e.getMessage());
                }
                LOG.info("model {} unloaded", s.name);
            }
        }
    }

    /** Number of sessions currently open (for tests). */
    public int openSessions() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (sessions) {
            for (Shared s : sessions.values()) {
                try {
                    s.session.close();
                } catch (OrtException e) {
                    LOG.warn("closing model {}: {}", s.name, e.getMessage());
                }
            }
            sessions.clear();
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Shared {
        final String key;
        final String name;
        final String sha;
        final OrtSession session;
        final Map<String, long[]> inputs;
        final Map<String, long[]> outputs;
        int refs;

        Shared(String key, String name, String sha, OrtSession session) throws OrtException {
            this.key = key;
            this.name = name;
            this.sha = sha;
            this.session = session;
            this.inputs = shapes(session.getInputInfo());
            this.outputs = shapes(session.getOutputInfo());
        }

        private static Map<String, long[]> shapes(Map<String, NodeInfo> info) {
            Map<String, long[]> r = new LinkedHashMap<>();
            for (Map.Entry<String, NodeInfo> e : info.entrySet()) {
                r.put(e.getKey(), e.getValue().getInfo() instanceof TensorInfo t ? t.getShape() : new long[0]);
            }
            return Map.copyOf(r);
        }
    }

    private final class Handle implements InferenceModel {
        private final Shared shared;
        private final AtomicBoolean closed = new AtomicBoolean();

        Handle(Shared shared) {
            this.shared = shared;
        }

        @Override
        public String name() {
            return shared.name;
        }

        @Override
        public String sha256() {
            return shared.sha;
        }

        @Override
        public Map<String, long[]> inputs() {
            return shared.inputs;
        }

        @Override
        public Map<String, long[]> outputs() {
            return shared.outputs;
        }

        @Override
        public Map<String, Tensor> run(Map<String, Tensor> inputs) throws InferenceException {
            if (closed.get()) {
                throw new InferenceException("model handle " + shared.name + " is closed");
            }
            Map<String, OnnxTensor> feed = new HashMap<>();
            try {
                for (String in : shared.inputs.keySet()) {
                    Tensor t = inputs.get(in);
                    if (t == null) {
                        throw new InferenceException("model " + shared.name + ": input " + in + " missing");
                    }
                    feed.put(in, OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), t.shape()));
                }
                runs.acquireUninterruptibly();
                try (OrtSession.Result result = shared.session.run(feed)) {
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                        if (e.getValue() instanceof OnnxTensor t && t.getInfo().type == ai.onnxruntime.OnnxJavaType.FLOAT) {
                            FloatBuffer fb = t.getFloatBuffer();
                            float[] data = new float[fb.remaining()];
                            fb.get(data);
                            out.put(e.getKey(), new Tensor(t.getInfo().getShape(), data));
                        }
                    }
                    return out;
                } finally {
                    runs.release();
                }
            } catch (OrtException e) {
                throw new InferenceException("model " + shared.name + ": " + e.getMessage(), e);
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(shared);
            }
        }
    }
}
