package org.megbox.runtime;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The launcher's minimal log: one line per message, INFO to stdout, WARN/ERROR to stderr.
 * DEBUG lines appear with {@code -Dmegbox.debug=true} or {@code MEGBOX_DEBUG=true}.
 * (Bundles log through slf4j-simple inside the framework.)
 */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    static final boolean DEBUG = Boolean.getBoolean("megbox.debug")
            || "true".equalsIgnoreCase(System.getenv("MEGBOX_DEBUG"));

    private Log() {
    }

    static void debug(String msg) {
        if (DEBUG) {
            System.out.println(line("DEBUG", msg));
        }
    }

    static void info(String msg) {
        System.out.println(line("INFO", msg));
    }

    static void warn(String msg) {
        System.err.println(line("WARN", msg));
    }

    static void error(String msg, Throwable t) {
        System.err.println(line("ERROR", msg + (t == null ? "" : ": " + t)));
        if (t != null && DEBUG) {
            t.printStackTrace();
        }
    }

    private static String line(String level, String msg) {
        return LocalTime.now().format(TIME) + " " + level + " [megbox] " + msg;
    }
}
