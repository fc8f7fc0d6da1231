package org.megbox.faces.internal;

import static org.megbox.faces.internal.Library.file;
import static org.megbox.faces.internal.Library.req;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.rest.FakeRestRequest;

/** The fixture of the endpoint tests: a {@link Library} with the stub analysis in a fresh folder, closed after each test. */
abstract class LibraryTest {

    @TempDir
    Path dir;
    Library lib;

    @BeforeEach
    void openLibrary() {
        lib = new Library(dir, new StubAnalysis("stub-1"));
    }

    @AfterEach
    void closeLibrary() {
        lib.close();
    }

    /** {@code POST /faces} of {@code image} with {@code description}; further form fields may be added. */
    static FakeRestRequest upload(byte[] image, String description) {
        return req("POST", "/faces").file("image", file("image", image)).formField("description", description);
    }

    /** The answer of {@code POST /faces} to {@code upload}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> enrol(FakeRestRequest upload) throws Exception {
        return (Map<String, Object>) lib.call("POST", "/faces", upload);
    }

    Map<String, Object> enrol(byte[] image, String description) throws Exception {
        return enrol(upload(image, description));
    }

    /** The error code of creating the group {@code name}, 0 when created. */
    int createGroup(String name) throws Exception {
        return lib.code("POST", "/faceGroups", req("POST", "/faceGroups").body("{\"groupName\":\"" + name + "\"}"));
    }
}
