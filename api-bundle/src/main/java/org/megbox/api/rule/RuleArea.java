package org.megbox.api.rule;

import java.util.List;
import org.megbox.api.geometry.Point;

/**
 * One entry of {@code area_list[]}: a polygon, a single tripwire, or a double tripwire (two lines).
 * {@code lines} holds one point list for polygons and single lines, two for {@code multi_line*}.
 */
public record RuleArea(int areaId, String areaType, List<Integer> alertorIds, List<List<Point>> lines) {

    public RuleArea {
        alertorIds = List.copyOf(alertorIds);
        lines = lines.stream().map(List::copyOf).toList();
    }
}
