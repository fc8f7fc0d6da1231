package org.megbox.warehouses.internal;

import java.util.List;

/**
 * A warehouse descriptor that does not parse or does not validate. Each problem names the JSON path
 * it was found at, e.g. {@code alertor_type[2].params[0].default: 2.0 is outside its own range [0, 1]}.
 */
public final class DescriptorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public DescriptorException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public static DescriptorException at(String path, String problem) {
        return new DescriptorException(List.of((path.isEmpty() ? "$" : path) + ": " + problem));
    }

    /** Every problem found, each starting with its JSON path. */
    public List<String> problems() {
        return problems;
    }
}
