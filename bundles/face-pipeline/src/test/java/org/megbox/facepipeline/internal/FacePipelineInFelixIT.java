package org.megbox.facepipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The bundle as the box runs it: in Felix 7.0.5 with SCR, the api, natives and inference bundles. Its three DS
 * components come up without any configuration (typed-config defaults), {@code FaceAnalysisService} finds and
 * describes messi5.jpg's face with the models shipped inside the bundle, and an embedder registered with a higher
 * ranking takes over at once (greedy reference); unregistered, FaceRes is back. The services are reached
 * reflectively (this test's classloader has its own copy of the API classes).
 */
class FacePipelineInFelixIT {

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
    void analysesAFaceInsideFelixAndTakesABetterRankedEmbedder(@TempDir Path tmp) throws Exception {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("org.osgi.framework.storage", tmp.resolve("felix").toString());
        cfg.put("org.osgi.framework.storage.clean", "onFirstInit");
        cfg.put("org.osgi.framework.system.packages.extra", "org.slf4j;version=2.0.17");
        Framework fw = java.util.ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(cfg);
        fw.start();
        try {
            BundleContext ctx = fw.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String part : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component-",
                    "org.apache.felix.scr", "org.megbox.api", "org.megbox.natives", "org.megbox.inference")) {
                bundles.add(ctx.installBundle(onClasspath(part).toURI().toString()));
            }
            Bundle pipeline = ctx.installBundle(new File(System.getProperty("megbox.bundle")).toURI().toString());
            bundles.add(pipeline);
            for (Bundle b : bundles) {
                b.start();
            }
            for (Bundle b : bundles) {
                assertThat(b.getState()).as(b.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
            }
            Object analysis = ctx.getService(await(ctx, "org.megbox.api.face.FaceAnalysisService"));
            Method embedderId = analysis.getClass().getMethod("embedderId");
            assertThat(embedderId.invoke(analysis)).isEqualTo("faceres-human-3.0.4");
            assertThat(analysis.getClass().getMethod("dimension").invoke(analysis)).isEqualTo(1024);

            Class<?> frameType = pipeline.loadClass("org.megbox.api.analysis.Frame");
            Object frame = frameType.getConstructors()[0].newInstance(0, 0L, 0L, 0L, 548, 342, bgr());
            List<?> faces = (List<?>) analysis.getClass().getMethod("analyze", frameType).invoke(analysis, frame);
            assertThat(faces).hasSize(1);
            Object face = faces.get(0);
            Optional<?> description = (Optional<?>) face.getClass().getMethod("description").invoke(face);
            float[] descriptor = (float[]) description.orElseThrow().getClass().getMethod("descriptor")
                    .invoke(description.get());
            assertThat(descriptor).hasSize(1024);

            // a vendor's embedder with a higher ranking (here: FaceRes under another id) takes over at once
            Class<?> embedderType = pipeline.loadClass("org.megbox.api.face.FaceEmbedder");
            Object faceRes = ctx.getService(await(ctx, "org.megbox.api.face.FaceEmbedder"));
            Object vendor = Proxy.newProxyInstance(embedderType.getClassLoader(), new Class<?>[] {embedderType},
                    (proxy, m, args) -> m.getName().equals("modelId") ? "vendor-1"
                            : m.getName().equals("toString") ? "vendor-1" : m.invoke(faceRes, args));
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Constants.SERVICE_RANKING, 10);
            ServiceRegistration<?> reg = ctx.registerService(embedderType.getName(), vendor, props);
            assertThat(embedderId.invoke(analysis)).isEqualTo("vendor-1");
            reg.unregister();
            assertThat(embedderId.invoke(analysis)).isEqualTo("faceres-human-3.0.4");
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }

    static ServiceReference<?> await(BundleContext ctx, String type) throws Exception {
        for (int i = 0; i < 200; i++) {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(type, null);
            if (refs != null) {
                return refs[0];
            }
            Thread.sleep(50);
        }
        throw new AssertionError(type + " not registered");
    }

    static ByteBuffer bgr() throws Exception {
        BufferedImage img = Images.opencv("messi5.jpg");
        assertThat(img.getWidth()).isEqualTo(548);
        return Images.frame(img).bgr();
    }
}
