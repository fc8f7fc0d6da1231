package org.megbox.warehouses.internal;

/** No installed warehouse bundle has the symbolic name asked for. */
public final class NoSuchWarehouseException extends Exception {

    private static final long serialVersionUID = 1L;

    public NoSuchWarehouseException(String symbolicName) {
        super("no warehouse bundle " + symbolicName + " is installed", null, false, false);
    }
}
