package org.megbox.engine.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.StructureSurveillanceService;

/** The engine's §20.1 settings, in memory (engine test-jar, used by the capture warehouses' tests). */
public final class InMemoryStructureSettings implements StructureSurveillanceService {

    public final Map<Integer, StructureSurveillance> map = new ConcurrentHashMap<>();
    public final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Stores the setting and tells the listeners. */
    public void put(StructureSurveillance s) {
        map.put(s.videoNo(), s);
        listeners.forEach(l -> l.changed(s.videoNo()));
    }

    @Override
    public Optional<StructureSurveillance> get(int videoNo) {
        return Optional.ofNullable(map.get(videoNo));
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }
}
