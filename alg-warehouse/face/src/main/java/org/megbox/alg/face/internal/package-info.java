/** The face warehouse's video analysis: face capture and recognition against the channel's bound face groups. */
package org.megbox.alg.face.internal;
