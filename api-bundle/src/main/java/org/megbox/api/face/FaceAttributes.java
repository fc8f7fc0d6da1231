package org.megbox.api.face;

/**
 * Attributes a model estimated. {@code gender} uses the legacy alert coding of §23.1.2 {@code faceAttr}: 0 male,
 * 1 female; {@code genderConfidence} is 0.5..1.
 */
public record FaceAttributes(int age, int gender, float genderConfidence) {
}
