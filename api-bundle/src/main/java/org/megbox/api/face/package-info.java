/**
 * Faces: detection, quality, descriptors and attributes. A core bundle provides the default pipeline (BlazeFace +
 * FaceRes); a vendor may register a better {@link FaceEmbedder} with a higher service ranking, and the face library
 * re-describes its stored images when the embedder's {@link FaceEmbedder#modelId()} changes.
 */
@Export
@Version("1.0.0")
package org.megbox.api.face;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
