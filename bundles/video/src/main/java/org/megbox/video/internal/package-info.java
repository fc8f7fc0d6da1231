/** The §7 endpoints, channel persistence and the FFmpeg decoders; private. */
package org.megbox.video.internal;
