package org.megbox.natives.internal;

import java.io.File;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Prepares the native libraries of this bundle before any other bundle can use them (this bundle starts at
 * level 2, its users at level 3).
 *
 * <p>FFmpeg: javacpp extracts its .so files into {@code ~/.javacpp/cache} unless
 * {@code org.bytedeco.javacpp.cachedir} says otherwise; a box keeps everything under its data folder, so the
 * property is set to this bundle's data area ({@code DATA/felix/bundleN/data/javacpp}) unless the operator set
 * it already. The property is read when the first native library is loaded.
 */
public final class NativesActivator implements BundleActivator {

    static final String JAVACPP_CACHEDIR = "org.bytedeco.javacpp.cachedir";

    @Override
    public void start(BundleContext context) {
        configureJavacpp(context);
        OnnxRuntimeNatives.configure(context); // ONNX Runtime: libraries into the data area (see that class)
    }

    private static void configureJavacpp(BundleContext context) {
        if (System.getProperty(JAVACPP_CACHEDIR) != null) {
            return;
        }
        File dir = context.getDataFile("javacpp");
        if (dir != null) {
            dir.mkdirs();
            System.setProperty(JAVACPP_CACHEDIR, dir.getAbsolutePath());
        }
    }

    @Override
    public void stop(BundleContext context) {
        // native libraries cannot be unloaded; nothing to undo
    }
}
