/**
 * The device-wide common parameters of spec §3 ({@code modelSw}, {@code funcModule}, MegConnect) as
 * immutable values, for bundles that act on them (Digest authentication reads {@code digestMode},
 * capture storage reads {@code capturePicEnabled}, the face library re-initialises on a work-mode
 * change through {@link org.megbox.config.DeviceConfigListener}).
 */
@Export
@Version("1.0.0")
package org.megbox.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
