package org.megbox.rest;

/**
 * How a route takes part in the §1.4 write exclusion. Writes run one at a time and wait a bounded
 * time for their turn (then 104004); reads never wait and must only read published state.
 */
public enum Access {
    READ,
    WRITE
}
