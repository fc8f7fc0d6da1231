/**
 * The face library as a service: {@link FaceLibrary} searches the enrolled faces (§5) bound to face groups (§6)
 * with a descriptor computed elsewhere (the face warehouse) and hands out the stored face crops.
 */
@Export
@Version("1.0.0")
package org.megbox.faces;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
