package org.megbox.natives.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;

/**
 * ONNX Runtime: by default {@code ai.onnxruntime.OnnxRuntime} copies its two libraries (28.6 MB) into a new
 * {@code /tmp/onnxruntime-java*} directory on every start, which fails on a noexec /tmp and writes to a
 * place outside the box's data folder. Instead they are copied once into this bundle's data area
 * ({@code DATA/felix/bundleN/data/onnxruntime/<version>/}) and {@code onnxruntime.native.path} points there
 * (unless the operator set it). ORT still loads them with System.load from its own class in this bundle.
 *
 * <p>The copy (about 0.4 s, once per data folder) runs on a background thread so that it never delays the
 * box's start; the property is set only when both files are complete, so an ORT initialised earlier simply
 * does its own extraction as before. Later starts only compare file sizes.
 */
final class OnnxRuntimeNatives {

    static final String NATIVE_PATH = "onnxruntime.native.path";
    static final String VERSION = "1.29.0";
    private static final String RESOURCES = "ai/onnxruntime/native/linux-x64/";
    private static final String[] LIBRARIES = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};
    private static final Logger LOG = Logger.getLogger(OnnxRuntimeNatives.class.getName());

    private OnnxRuntimeNatives() {
    }

    static void configure(BundleContext context) {
        Thread t = new Thread(() -> prepare(context), "megbox-onnxruntime-natives");
        t.setDaemon(true);
        t.start();
    }

    static void prepare(BundleContext context) {
        if (System.getProperty(NATIVE_PATH) != null || !"Linux".equals(System.getProperty("os.name"))
                || !"amd64".equals(System.getProperty("os.arch"))) {
            return; // operator's choice, or a platform whose libraries this bundle does not carry: ORT decides
        }
        File dir = context.getDataFile("onnxruntime/" + VERSION);
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir.toPath());
            for (String lib : LIBRARIES) {
                URL entry = context.getBundle().getEntry(RESOURCES + lib);
                if (entry == null) {
                    return;
                }
                URLConnection c = entry.openConnection();
                Path target = dir.toPath().resolve(lib);
                if (Files.isRegularFile(target) && Files.size(target) == c.getContentLengthLong()) {
                    continue;
                }
                Path tmp = dir.toPath().resolve(lib + ".tmp");
                try (InputStream in = c.getInputStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.setProperty(NATIVE_PATH, dir.getAbsolutePath());
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.WARNING, "ONNX Runtime libraries not copied to " + dir + "; ORT extracts them itself", e);
        }
    }
}
