package org.megbox.rest;

/** One file part of a multipart request. */
public record UploadedFile(String fieldName, String fileName, String contentType, byte[] content) {
}
