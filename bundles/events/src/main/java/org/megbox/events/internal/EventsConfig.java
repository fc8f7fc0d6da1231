package org.megbox.events.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Operator settings of the events store (ConfigAdmin PID {@code org.megbox.events}). */
@ObjectClassDefinition(id = EventsConfig.PID, name = "MegBox events store",
        description = "Stored alerts/captures with their pictures under <megbox.data>/pictures; bounded, oldest recycled")
public @interface EventsConfig {

    String PID = "org.megbox.events";

    @AttributeDefinition(description = "Most events kept; beyond it the oldest events and their pictures are recycled")
    int maxEvents() default 100_000;

    @AttributeDefinition(description = "Most bytes of pictures kept (full pictures + crops); beyond it the oldest "
            + "events are recycled. Default 2 GiB")
    long maxPictureBytes() default 2L * 1024 * 1024 * 1024;

    @AttributeDefinition(description = "Recycle the oldest events while the data folder's file system has less than "
            + "this percentage free (the spec's 'at most 90% of the storage'); 0 turns the check off")
    int minFreeDiskPercent() default 10;

    @AttributeDefinition(description = "Most events waiting for the writer; when full, the oldest waiting one is "
            + "dropped and counted (the analysis thread never waits)")
    int queueMaxEvents() default 64;

    @AttributeDefinition(description = "Most megabytes of copied frames waiting for the writer (same drop rule)")
    int queueMaxMegabytes() default 96;

    @AttributeDefinition(description = "fsync every picture before the record that references it is committed "
            + "(SIGKILL-safe without it too: files are fully written and renamed first; fsync adds power-loss safety)")
    boolean fsyncPictures() default true;

    @AttributeDefinition(description = "JPEG quality of the target crop, 10..100 (the full picture uses "
            + "/configs funcModule.fullPicCompressLevel)")
    int cropQuality() default 90;

    @AttributeDefinition(description = "Margin added around the target box for the crop, as a fraction of the box's "
            + "width/height on each side")
    double cropPadding() default 0.15;
}
