package org.megbox.engine.internal.console;

import org.megbox.engine.internal.RuleEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo command {@code megbox:rules}: every stored rule with its status and why, the channels being analysed
 * and the event counters. A plain method returning text, so no Gogo API is imported.
 */
@Component(service = RuleCommands.class, property = {
    "osgi.command.scope=megbox",
    "osgi.command.function=rules"})
public final class RuleCommands {

    private final RuleEngine engine;

    @Activate
    public RuleCommands(@Reference RuleEngine engine) {
        this.engine = engine;
    }

    public String rules() {
        return engine.report();
    }
}
