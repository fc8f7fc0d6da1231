package org.megbox.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Operator settings of the REST core (ConfigAdmin PID {@code org.megbox.rest}). */
@ObjectClassDefinition(id = RestConfig.PID, name = "MegBox REST core",
        description = "Write exclusion and request limits of the /v1/MEGBOX API.")
public @interface RestConfig {

    String PID = "org.megbox.rest";

    @AttributeDefinition(name = "Write wait (ms)", min = "0",
            description = "How long a write (POST/PUT/DELETE) waits for the one running write to finish "
                    + "before it is refused with 104004 NO_ACCESS.")
    long writeWaitMillis() default RestOptions.DEFAULT_WRITE_WAIT_MILLIS;

    @AttributeDefinition(name = "Max body (bytes)", min = "1",
            description = "Largest non-multipart request body; a larger one gets 104001 ILLEGAL_ARGUMENT:body.")
    long maxBodyBytes() default RestOptions.DEFAULT_MAX_BODY_BYTES;
}
