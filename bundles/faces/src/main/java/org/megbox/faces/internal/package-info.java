/**
 * The face library: §5 /faces, §6 /faceGroups, §10 /compare and /search, the stored records and files, and the
 * {@link org.megbox.faces.FaceLibrary} service.
 */
package org.megbox.faces.internal;
