package org.megbox.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.modelimport.Importer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * ONNX Runtime inside Felix 7.0.5: org.megbox.natives embeds ORT and exports ai.onnxruntime; this bundle's DS
 * component imports it, loads NanoDet and runs it. Proves that ORT extracts and System.load()s its natives from
 * a bundle classloader and that the classes the inference bundle sees come from the natives bundle. The
 * service is reached reflectively (this test's classloader does not share the bundles' API classes).
 */
class OrtInFelixIT {

    static File onClasspath(String fileNamePart) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(e);
            if (f.getName().contains(fileNamePart) && f.getName().endsWith(".jar")) {
                return f;
            }
        }
        throw new AssertionError(fileNamePart + " not on the test classpath");
    }

    @Test
    void ortLoadsAndRunsInsideFelix(@TempDir Path tmp) throws Exception {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("org.osgi.framework.storage", tmp.resolve("felix").toString());
        cfg.put("org.osgi.framework.storage.clean", "onFirstInit");
        // slf4j 2 as a bundle wants SPI Fly; here the test's own slf4j serves through the system bundle
        cfg.put("org.osgi.framework.system.packages.extra", "org.slf4j;version=2.0.17");
        Framework fw = java.util.ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
        fw.start();
        try {
            BundleContext ctx = fw.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String part : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
                    "org.apache.felix.scr", "org.megbox.api", "org.megbox.natives")) {
                bundles.add(ctx.installBundle(onClasspath(part).toURI().toString()));
            }
            bundles.add(ctx.installBundle(new File(System.getProperty("megbox.bundle")).toURI().toString()));
            for (Bundle b : bundles) {
                b.start();
            }
            for (Bundle b : bundles) {
                assertThat(b.getState()).as(b.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
            }
            // the natives bundle copies ORT's libraries into its data area in the background, then points ORT there
            for (int i = 0; i < 200 && System.getProperty("onnxruntime.native.path") == null; i++) {
                Thread.sleep(50);
            }
            ServiceReference<?> ref = null;
            for (int i = 0; i < 100 && ref == null; i++) {
                // getAllServiceReferences: this test's classloader has its own copy of the API classes
                ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.megbox.api.inference.InferenceEngineService", null);
                ref = refs == null ? null : refs[0];
                Thread.sleep(50);
            }
            assertThat(ref).as("InferenceEngineService registered").isNotNull();
            Object engine = ctx.getService(ref);
            Bundle inference = FrameworkUtil.getBundle(engine.getClass());
            assertThat(inference.getSymbolicName()).isEqualTo("org.megbox.inference");
            Class<?> ortEnv = inference.loadClass("ai.onnxruntime.OrtEnvironment");
            assertThat(FrameworkUtil.getBundle(ortEnv).getSymbolicName()).isEqualTo("org.megbox.natives");

            Path models = Path.of(System.getProperty("megbox.models.dir"));
            byte[] onnx = Importer.importModel(models.resolve("nanodet.json")).onnx();
            Class<?> modelType = inference.loadClass("org.megbox.api.inference.InferenceModel");
            Class<?> tensorType = inference.loadClass("org.megbox.api.inference.Tensor");
            Object model = engine.getClass().getMethod("load", String.class, byte[].class).invoke(engine, "nanodet", onnx);
            Object input = tensorType.getConstructor(long[].class, float[].class)
                    .newInstance(new long[] {1, 3, 416, 416}, new float[3 * 416 * 416]);
            Method run = modelType.getMethod("run", Map.class);
            Map<?, ?> out = (Map<?, ?>) run.invoke(model, Map.of("input_1", input));
            assertThat(out.keySet()).hasSize(6);
            Object scores = out.get("Identity");
            long[] shape = (long[]) tensorType.getMethod("shape").invoke(scores);
            assertThat(shape).containsExactly(1, 2704, 80);
            modelType.getMethod("close").invoke(model);
            Path nativePath = Path.of(System.getProperty("onnxruntime.native.path"));
            assertThat(nativePath).startsWith(tmp.resolve("felix"));
            assertThat(nativePath.resolve("libonnxruntime.so")).isRegularFile();
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }
}
