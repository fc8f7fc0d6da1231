package org.megbox.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's start options: port, data folder and bind host.
 *
 * <p>Each comes from the command line ({@code --port N}, {@code --data DIR}, {@code --host H}, also
 * written {@code --port=N}), else from the environment ({@code MEGBOX_PORT}, {@code MEGBOX_DATA},
 * {@code MEGBOX_HOST}), else from the default. The command line wins over the environment.
 *
 * @param port TCP port of the HTTP server, 1..65535
 * @param dataDir absolute, normalised data folder
 * @param host address Jetty binds to
 */
public record BoxOptions(int port, Path dataDir, String host) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATA = "./data";
    public static final String DEFAULT_HOST = "0.0.0.0";

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: megbox [--port N] [--data DIR] [--host H]",
            "  --port N    HTTP port (env MEGBOX_PORT, default " + DEFAULT_PORT + ")",
            "  --data DIR  data folder (env MEGBOX_DATA, default " + DEFAULT_DATA + ")",
            "  --host H    address to bind (env MEGBOX_HOST, default " + DEFAULT_HOST + ")",
            "  --help      print this help");

    public BoxOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Thrown for {@code --help}: not an error, the caller prints {@link #USAGE} and exits 0. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help requested", null, false, false);
        }
    }

    /** Parses the command line over the process environment. */
    public static BoxOptions parse(String[] args) {
        return parse(args, System.getenv());
    }

    /**
     * Parses {@code args} over {@code env}.
     *
     * @throws IllegalArgumentException on an unknown option, a missing or invalid value
     * @throws HelpRequested on {@code --help} / {@code -h}
     */
    public static BoxOptions parse(String[] args, Map<String, String> env) {
        String port = nonBlank(env.get("MEGBOX_PORT"));
        String data = nonBlank(env.get("MEGBOX_DATA"));
        String host = nonBlank(env.get("MEGBOX_HOST"));
        String portSource = "MEGBOX_PORT";

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> throw new HelpRequested();
                case "--port", "--data", "--host" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value for " + name);
                        }
                        value = args[++i];
                    }
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("empty value for " + name);
                    }
                    switch (name) {
                        case "--port" -> {
                            port = value;
                            portSource = "--port";
                        }
                        case "--data" -> data = value;
                        default -> host = value;
                    }
                }
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }

        int portNumber = DEFAULT_PORT;
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(portSource + " is not a number: " + port);
            }
            if (portNumber < 1 || portNumber > 65535) {
                throw new IllegalArgumentException(portSource + " must be 1..65535, was " + port);
            }
        }
        return new BoxOptions(portNumber,
                Path.of(data != null ? data : DEFAULT_DATA),
                host != null ? host.trim() : DEFAULT_HOST);
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public Path felixDir() {
        return dataDir.resolve("felix");
    }

    public Path deployDir() {
        return dataDir.resolve("deploy");
    }

    public Path dbDir() {
        return dataDir.resolve("db");
    }

    public Path picturesDir() {
        return dataDir.resolve("pictures");
    }
}
