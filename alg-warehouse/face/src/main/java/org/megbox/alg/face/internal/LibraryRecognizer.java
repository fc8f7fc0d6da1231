package org.megbox.alg.face.internal;

import java.util.Collection;
import java.util.List;
import org.megbox.faces.FaceLibrary;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Recognizer} over the faces bundle's {@link FaceLibrary}. A separate component so that the capture component's
 * class never refers to {@code org.megbox.faces} (an optional import): without that package only this component is
 * unsatisfied.
 */
@Component(service = Recognizer.class)
public final class LibraryRecognizer implements Recognizer {

    private final FaceLibrary library;

    @Activate
    public LibraryRecognizer(@Reference FaceLibrary library) {
        this.library = library;
    }

    @Override
    public List<Match> search(float[] descriptor, String embedderId, Collection<String> groups, int topN,
            float threshold) {
        return library.search(descriptor, embedderId, groups, topN, threshold).stream()
                .map(m -> new Match(m.faceToken(), m.imageId(), m.groups(), m.score())).toList();
    }
}
