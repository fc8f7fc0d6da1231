package org.megbox.facepipeline.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real photos of different people that Debian's opencv-doc ships (read from the installed package, as the other
 * modules read messi5.jpg and vtest.avi): messi5.jpg, the "Source" thirds of the edge-detection tutorial's film stills
 * 05/06/12.jpg (three actresses), two portraits of the face-recognition tutorial (227943776_1.jpg,
 * 230501201_1.jpg), the unannotated third of example.jpg (a man with glasses) and the four annotated quarters of
 * facereg.jpg (three women and Barack Obama, 200² in all).
 */
final class People {

    static final String HTML = "/usr/share/doc/opencv-doc/opencv4/html/";

    /** Known sex (0 male, 1 female) per person, by eye. */
    static final Map<String, Integer> GENDER = Map.of("messi", 0, "actressA", 1, "actressC", 1, "smiling", 0,
            "bearded", 0, "glasses", 0, "facereg1", 1, "facereg3", 1, "obama", 0);

    private People() {
    }

    static Map<String, BufferedImage> all() throws IOException {
        Map<String, BufferedImage> p = new LinkedHashMap<>();
        p.put("messi", Images.opencv("messi5.jpg"));
        p.put("actressA", Images.crop(html("05.jpg"), 0, 0, 520, 512));
        p.put("actressB", Images.crop(html("06.jpg"), 0, 0, 520, 512));
        p.put("actressC", Images.crop(html("12.jpg"), 0, 0, 520, 512));
        p.put("smiling", html("227943776_1.jpg"));
        p.put("bearded", html("230501201_1.jpg"));
        p.put("glasses", Images.crop(html("example.jpg"), 760, 100, 400, 480));
        BufferedImage fr = html("facereg.jpg");
        p.put("facereg1", Images.crop(fr, 0, 0, 100, 100));
        p.put("facereg2", Images.crop(fr, 100, 0, 100, 100));
        p.put("facereg3", Images.crop(fr, 0, 100, 100, 100));
        p.put("obama", Images.crop(fr, 100, 100, 100, 100));
        return p;
    }

    static BufferedImage html(String name) throws IOException {
        return Images.opencvFile(HTML + name);
    }
}
