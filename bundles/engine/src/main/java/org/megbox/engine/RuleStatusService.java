package org.megbox.engine;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The stored channel rules and what each is doing right now (the same truth {@code GET /multiAlgVideos} prints). */
@ProviderType
public interface RuleStatusService {

    /** Every stored rule, sorted by videoNo then ruleIndex. */
    List<RuleState> rules();

    Optional<RuleState> rule(int videoNo, int ruleIndex);

    /** True when channel {@code videoNo} has at least one stored rule (e.g. to refuse deleting it: 104013). */
    default boolean hasRules(int videoNo) {
        return rules().stream().anyMatch(r -> r.videoNo() == videoNo);
    }
}
