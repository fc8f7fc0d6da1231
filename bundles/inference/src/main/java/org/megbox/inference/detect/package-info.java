/**
 * A reusable COCO person / vehicle / cycle detector on top of {@link org.megbox.api.inference.InferenceEngineService}:
 * BGR24 {@link org.megbox.api.analysis.Frame} in, {@link org.megbox.api.analysis.Detection}s with §26.6 target
 * types out. The ONNX model travels with the warehouse that uses it.
 */
@Export
@Version("1.0.0")
package org.megbox.inference.detect;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
