package org.megbox.warehouses.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One element of {@code GET /warehouses} (beyond the spec): a warehouse bundle in any state.
 *
 * @param symbolicName Bundle-SymbolicName
 * @param version      Bundle-Version
 * @param state        bundle state name: ACTIVE, RESOLVED, INSTALLED, STARTING, STOPPING
 * @param algTypes     the alg_type its descriptor declares (empty when the descriptor is bad)
 * @param itemsType    its items_type (null when the descriptor is bad)
 * @param analyzer     whether an {@code AnalyzerFactory} is registered for it right now, and the note of its descriptor
 * @param location     bundle location ({@code file:} + absolute path of its jar under {@code deploy/})
 * @param problem      why it is not served (bad descriptor, alg_type taken), null when fine
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WarehouseInfo(
        @JsonProperty("symbolicName") String symbolicName,
        @JsonProperty("version") String version,
        @JsonProperty("state") String state,
        @JsonProperty("alg_types") List<Integer> algTypes,
        @JsonProperty("items_type") String itemsType,
        @JsonProperty("analyzer") Analyzer analyzer,
        @JsonProperty("location") String location,
        @JsonProperty("problem") String problem) {

    /**
     * @param events the alertor types really analysed (descriptor {@code analyzer.events}); null = every declared
     *               one when available (then not printed)
     */
    public record Analyzer(@JsonProperty("available") boolean available, @JsonProperty("note") String note,
            @JsonProperty("events") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> events) {

        public Analyzer(boolean available, String note) {
            this(available, note, null);
        }
    }
}
