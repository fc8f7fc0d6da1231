package org.megbox.api.analysis;

import org.megbox.api.geometry.Box;

/** One object a detector found: its §26.6 target type, confidence 0..1 and normalised box. */
public record Detection(String targetType, float score, Box box) {
}
