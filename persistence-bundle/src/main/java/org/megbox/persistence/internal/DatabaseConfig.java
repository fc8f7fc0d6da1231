package org.megbox.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Operator settings of the box database (ConfigAdmin PID {@code org.megbox.persistence}). */
@ObjectClassDefinition(name = "MegBox database", description = "MapDB file under <megbox.data>/db")
public @interface DatabaseConfig {

    @AttributeDefinition(name = "Memory-mapped file", description = "Map the database file into memory "
            + "(64-bit JVMs only) instead of reading it through a file channel. Both keep the write-ahead "
            + "log and survive a killed process; mapped commits measured about 3x slower, see MapDbDatabase.")
    boolean mmap() default false;
}
