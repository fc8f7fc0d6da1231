package org.megbox.engine.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.megbox.api.analysis.AnalyzerFactory;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.rule.AlertRule;
import org.megbox.api.rule.AlertorConfig;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.engine.AlarmEventSink;
import org.megbox.engine.AnalyzerScope;
import org.megbox.engine.FrameDetector;
import org.megbox.engine.RuleState;
import org.megbox.engine.RuleStatus;
import org.megbox.engine.RuleStatusService;
import org.megbox.engine.TrackIdRange;
import org.megbox.engine.TrackIdService;
import org.megbox.engine.TrackIds;
import org.megbox.persistence.Database;
import org.megbox.rest.ApiException;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannelListener;
import org.megbox.video.VideoChannels;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine: owns the stored rules, decides what each one is doing ({@link RuleStatus}) from what is
 * present right now (warehouses, analyzer factories, detectors, channels), and runs one {@link ChannelWorker}
 * per channel with running rules on a bounded pool (threads = cores). Whenever any of that changes it
 * re-arms: channels whose plan changed get a new worker (the old one closes its analyzers first), the others
 * keep theirs. A rule is never dropped because something it needs left; it waits and says why (openHAB's
 * HANDLER_MISSING pattern).
 *
 * <p>Registered under its own (private) class too, so that this bundle's endpoints reach the write methods.
 */
@Component(service = {RuleEngine.class, RuleStatusService.class, VideoChannelListener.class}, immediate = true)
public final class RuleEngine implements RuleStatusService, VideoChannelListener {

    /** The most frames per second the engine analyses per channel, whatever a warehouse asks. */
    static final double MAX_FPS = 25;
    /** Framework property: analysis threads (default: the number of cores). */
    static final String PROP_THREADS = "megbox.engine.threads";

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private record FactoryRef(int algType, AnalyzerFactory factory, boolean perChannel) {
    }

    private record DetectorRef(long serviceId, FrameDetector detector, Set<String> targetTypes) {
    }

    /** One group of a channel plan: rules sharing a detection source. Records compare services by identity. */
    private record PlanGroup(String sourceKey, Object provider, List<AlertRule> rules) {
    }

    private record Plan(List<PlanGroup> groups, double fps) {
    }

    private record Compiled(RuleState state, AlertRule rule, String sourceKey, Object provider, double fps) {
    }

    private final RuleRepository repository;
    /** The §23.4 rules range: target ids unique across channels, increasing across restarts. */
    private final TrackIds trackIds;
    private final ScheduledThreadPoolExecutor pool;
    private final ZoneId zone;
    private final Map<Long, Warehouse> warehouses = new ConcurrentSkipListMap<>();
    private final Map<Long, FactoryRef> factories = new ConcurrentSkipListMap<>();
    private final Map<Long, DetectorRef> detectors = new ConcurrentSkipListMap<>();
    private final List<AlarmEventSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<Integer, ChannelWorker> workers = new TreeMap<>();
    /** Rules (by key) of the running workers whose analyzer could not be opened, with the reason. */
    private final Map<String, String> openFailures = new TreeMap<>();
    private final AtomicLong eventsRaised = new AtomicLong();
    private final AtomicLong eventsWithoutSink = new AtomicLong();
    private volatile VideoChannels video;
    private volatile Map<String, RuleState> states = Map.of();
    private boolean active;

    @Activate
    public RuleEngine(BundleContext context, @Reference(name = "database") Database database,
            @Reference(name = "trackIds") TrackIdService trackIds) {
        this(database, trackIds.ids(TrackIdRange.RULES), ZoneId.systemDefault(),
                threads(context.getProperty(PROP_THREADS)));
    }

    static int threads(String property) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (property == null || property.isBlank()) {
            return cores;
        }
        try {
            return Math.max(1, Integer.parseInt(property.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a number: {} analysis threads", PROP_THREADS, property, cores);
            return cores;
        }
    }

    /** With its own durable rules range over {@code database} (tests). */
    RuleEngine(Database database, ZoneId zone, int threads) {
        this(database, new DurableTrackIds(database).ids(TrackIdRange.RULES), zone, threads);
    }

    RuleEngine(Database database, TrackIds trackIds, ZoneId zone, int threads) {
        this.repository = new RuleRepository(database);
        this.trackIds = trackIds;
        this.zone = zone;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "megbox-analysis-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ScheduledThreadPoolExecutor(Math.max(1, threads), factory);
        this.pool.setRemoveOnCancelPolicy(true);
        synchronized (this) {
            active = true;
        }
        rearm();
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        workers.values().forEach(ChannelWorker::stop);
        workers.clear();
        pool.shutdownNow();
    }

    // ---- services the engine follows (all dynamic: each change re-arms) ----

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setVideo(VideoChannels video) {
        this.video = video;
        rearm();
    }

    void unsetVideo(VideoChannels video) {
        if (this.video == video) {
            this.video = null;
        }
        rearm();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addWarehouse(Warehouse warehouse, Map<String, Object> properties) {
        warehouses.put((Long) properties.get(Constants.SERVICE_ID), warehouse);
        rearm();
    }

    void removeWarehouse(Warehouse warehouse, Map<String, Object> properties) {
        warehouses.remove((Long) properties.get(Constants.SERVICE_ID));
        rearm();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAnalyzerFactory(AnalyzerFactory factory, Map<String, Object> properties) {
        Object algType = properties.get(Warehouse.ALG_TYPE);
        if (!(algType instanceof Number n)) {
            LOG.warn("AnalyzerFactory {} has no numeric {} property and is ignored", factory, Warehouse.ALG_TYPE);
            return;
        }
        boolean perChannel = AnalyzerScope.CHANNEL.equals(properties.get(AnalyzerScope.PROPERTY));
        factories.put((Long) properties.get(Constants.SERVICE_ID), new FactoryRef(n.intValue(), factory, perChannel));
        rearm();
    }

    void removeAnalyzerFactory(AnalyzerFactory factory, Map<String, Object> properties) {
        if (factories.remove((Long) properties.get(Constants.SERVICE_ID)) != null) {
            rearm();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDetector(FrameDetector detector, Map<String, Object> properties) {
        Set<String> types = new HashSet<>();
        Object prop = properties.get(FrameDetector.TARGET_TYPES);
        if (prop instanceof String[] array) {
            types.addAll(List.of(array));
        } else if (prop instanceof String s) {
            types.add(s);
        } else {
            types.addAll(detector.targetTypes());
        }
        long id = (Long) properties.get(Constants.SERVICE_ID);
        detectors.put(id, new DetectorRef(id, detector, Set.copyOf(types)));
        rearm();
    }

    void removeDetector(FrameDetector detector, Map<String, Object> properties) {
        detectors.remove((Long) properties.get(Constants.SERVICE_ID));
        rearm();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSink(AlarmEventSink sink) {
        sinks.add(sink);
    }

    void removeSink(AlarmEventSink sink) {
        sinks.remove(sink);
    }

    // ---- VideoChannelListener ----

    @Override
    public void channelAdded(VideoChannel channel) {
        rearm();
    }

    @Override
    public void channelRemoved(VideoChannel channel) {
        rearm();
    }

    @Override
    public synchronized void trackReset(int videoNo) {
        ChannelWorker w = workers.get(videoNo);
        if (w != null) {
            w.requestReset();
        }
    }

    // ---- what the endpoints use ----

    RuleRepository.Snapshot snapshot() {
        return repository.snapshot();
    }

    Optional<VideoChannels> video() {
        return Optional.ofNullable(video);
    }

    Optional<VideoChannel> channel(int videoNo) {
        VideoChannels v = video;
        return v == null ? Optional.empty() : v.channel(videoNo);
    }

    /** The warehouse present for {@code algType} (the earliest registered if ever two). */
    Optional<WarehouseDescriptor> descriptor(int algType) {
        return warehouses.values().stream().map(Warehouse::descriptor).filter(d -> d.algType() == algType).findFirst();
    }

    /** Commits the rule with its channel's switches, publishes, re-arms. */
    void putRule(StoredRule rule, ChannelSettings channel) {
        repository.put(rule, channel);
        LOG.info("channel {} rule {} stored (algType {}, {})", rule.videoNo(), rule.ruleIndex(), rule.algType(),
                rule.ruleEnable() ? "enabled" : "disabled");
        rearm();
    }

    void setSurveillance(int videoNo, boolean enabled) {
        ChannelSettings before = repository.snapshot().channel(videoNo);
        repository.put(new ChannelSettings(videoNo, enabled, before.alertRulesValidity()));
        rearm();
    }

    long eventsRaised() {
        return eventsRaised.get();
    }

    long eventsWithoutSink() {
        return eventsWithoutSink.get();
    }

    /** One line per channel being analysed: frames analysed so far and the rate. */
    public synchronized List<String> workerSummary() {
        List<String> out = new ArrayList<>();
        workers.forEach((ch, w) -> out.add("channel " + ch + ": " + w.framesAnalysed() + " frames analysed"));
        return out;
    }

    /** Every stored rule's state as text, then the event counters; for the Gogo command. */
    public String report() {
        StringBuilder b = new StringBuilder();
        for (RuleState s : rules()) {
            b.append("channel ").append(s.videoNo()).append(" rule ").append(s.ruleIndex()).append(" algType ")
                    .append(s.algType()).append(": ").append(s.status()).append(" - ").append(s.detail())
                    .append(System.lineSeparator());
        }
        if (b.isEmpty()) {
            b.append("no rule stored").append(System.lineSeparator());
        }
        workerSummary().forEach(l -> b.append(l).append(System.lineSeparator()));
        b.append("events raised: ").append(eventsRaised.get()).append(", without a sink: ")
                .append(eventsWithoutSink.get());
        return b.toString();
    }

    /** Frames analysed by the channel's current worker, 0 when none runs. */
    synchronized long framesAnalysed(int videoNo) {
        ChannelWorker w = workers.get(videoNo);
        return w == null ? 0 : w.framesAnalysed();
    }

    /** Analyses the channel's newest unseen frame now, on the caller's thread (tests); false when none. */
    boolean step(int videoNo) {
        ChannelWorker w;
        synchronized (this) {
            w = workers.get(videoNo);
        }
        return w != null && w.step();
    }

    // ---- RuleStatusService ----

    @Override
    public List<RuleState> rules() {
        return List.copyOf(states.values());
    }

    @Override
    public Optional<RuleState> rule(int videoNo, int ruleIndex) {
        return Optional.ofNullable(states.get(StoredRule.key(videoNo, ruleIndex)));
    }

    /** The state of a stored rule as of the last re-arm. */
    RuleState state(StoredRule rule) {
        RuleState s = states.get(rule.key());
        return s != null ? s : new RuleState(rule.videoNo(), rule.ruleIndex(), rule.algType(),
                RuleStatus.DISABLED, "not evaluated yet");
    }

    // ---- re-arming ----

    /** Recomputes every rule's state and starts, keeps or replaces each channel's worker accordingly. */
    synchronized void rearm() {
        if (!active) {
            return;
        }
        RuleRepository.Snapshot snap = repository.snapshot();
        Map<String, RuleState> next = new TreeMap<>();
        Map<Integer, List<Compiled>> running = new TreeMap<>();
        for (StoredRule r : snap.ruleList()) {
            Compiled c = compile(r, snap.channel(r.videoNo()));
            next.put(r.key(), c.state());
            if (c.state().status() == RuleStatus.RUNNING) {
                running.computeIfAbsent(r.videoNo(), k -> new ArrayList<>()).add(c);
            }
        }
        states = Collections.unmodifiableMap(next);
        Set<Integer> channels = new TreeSet<>(workers.keySet());
        channels.addAll(running.keySet());
        for (int ch : channels) {
            List<Compiled> list = running.getOrDefault(ch, List.of());
            Plan plan = plan(list);
            ChannelWorker w = workers.get(ch);
            if (w != null && w.plan().equals(plan)) {
                continue;
            }
            if (w != null) {
                w.stop();
                workers.remove(ch);
                int channel = ch;
                openFailures.keySet().removeIf(k -> k.startsWith(StoredRule.channelPrefix(channel)));
                LOG.info("channel {}: analysis stopped", ch);
            }
            VideoChannels v = video;
            if (!plan.groups().isEmpty() && v != null) {
                workers.put(ch, start(ch, plan, v));
            }
        }
        if (!openFailures.isEmpty()) {
            // rules whose analyzer could not be opened do not run, whatever the plan says
            Map<String, RuleState> patched = new TreeMap<>(states);
            for (Map.Entry<String, String> f : openFailures.entrySet()) {
                RuleState s = patched.get(f.getKey());
                if (s != null && s.status() == RuleStatus.RUNNING) {
                    patched.put(f.getKey(), new RuleState(s.videoNo(), s.ruleIndex(), s.algType(),
                            RuleStatus.NO_ANALYZER, f.getValue()));
                }
            }
            states = Collections.unmodifiableMap(patched);
        }
    }

    private Compiled compile(StoredRule r, ChannelSettings channel) {
        Optional<WarehouseDescriptor> d = descriptor(r.algType());
        if (d.isEmpty()) {
            return waiting(r, RuleStatus.WAITING_FOR_WAREHOUSE, "no warehouse provides alg_type " + r.algType());
        }
        AlertRule rule;
        if (r.legacy()) {
            rule = RuleValidator.trusted(r.videoNo(), r.ruleIndex(), r.algType(), r.ruleEnable(), r.alertRules());
        } else {
            try {
                rule = RuleValidator.validate(r.videoNo(), r.multiAlertBody(true), d, Json.MAPPER).rule();
            } catch (ApiException e) {
                return waiting(r, RuleStatus.INVALID_FOR_WAREHOUSE, "the present warehouse " + d.get().itemsType()
                        + " " + d.get().version() + " refuses the stored rule: " + e.getMessage());
            }
        }
        if (!r.ruleEnable()) {
            return waiting(r, RuleStatus.DISABLED, "ruleEnable is false");
        }
        if (!channel.surveillanceEnabled()) {
            return waiting(r, RuleStatus.DISABLED, "surveillance of the channel is off");
        }
        VideoChannels v = video;
        if (v == null || v.channel(r.videoNo()).isEmpty()) {
            return waiting(r, RuleStatus.WAITING_FOR_CHANNEL, "channel " + r.videoNo() + " does not exist");
        }
        double fps = Math.min(MAX_FPS, d.get().algFrameRate());
        Optional<FactoryRef> factory = factories.values().stream().filter(f -> f.algType() == r.algType()).findFirst();
        if (factory.isPresent()) {
            List<String> events = d.get().analyzer().events();
            if (events != null) {
                // the warehouse analyses only some of its declared events: a rule using another one must not run
                // (the engine would otherwise evaluate it as a plain dwell on the analyzer's detections)
                Set<String> used = new TreeSet<>();
                rule.alertors().forEach(a -> used.addAll(a.alertorTypes()));
                used.removeAll(events);
                if (!used.isEmpty()) {
                    return waiting(r, RuleStatus.NO_ANALYZER, "warehouse " + d.get().itemsType()
                            + " does not analyse " + used + " (analyses " + events + "; "
                            + d.get().analyzer().note() + ")");
                }
            }
            String key = "analyzer:" + r.algType() + (factory.get().perChannel() ? "" : ":rule" + r.ruleIndex());
            return new Compiled(state(r, RuleStatus.RUNNING, "analyzer of warehouse " + d.get().itemsType()), rule,
                    key, factory.get().factory(), fps);
        }
        if (RuleEvaluator.generic(rule)) {
            Set<String> targets = new HashSet<>();
            for (AlertorConfig a : rule.alertors()) {
                if (!a.alertorTypes().contains(RuleValidator.MASK_AREA)) {
                    targets.addAll(a.targetTypes());
                    if (a.targetTypes().contains("crowd")) {
                        targets.add("person");
                    }
                }
            }
            Optional<DetectorRef> detector = detectors.values().stream()
                    .filter(x -> x.targetTypes().stream().anyMatch(targets::contains)).findFirst();
            if (detector.isPresent()) {
                return new Compiled(state(r, RuleStatus.RUNNING, "generic detector"), rule,
                        "detector:" + detector.get().serviceId(), detector.get().detector(), fps);
            }
            return waiting(r, RuleStatus.NO_ANALYZER, "no analyzer for alg_type " + r.algType()
                    + " and no detector reporting " + new TreeSet<>(targets));
        }
        return waiting(r, RuleStatus.NO_ANALYZER, "warehouse " + d.get().itemsType()
                + " registers no AnalyzerFactory (" + d.get().analyzer().note() + ")");
    }

    private static RuleState state(StoredRule r, RuleStatus status, String detail) {
        return new RuleState(r.videoNo(), r.ruleIndex(), r.algType(), status, detail);
    }

    private static Compiled waiting(StoredRule r, RuleStatus status, String detail) {
        return new Compiled(state(r, status, detail), null, null, null, 0);
    }

    private static Plan plan(List<Compiled> running) {
        Map<String, PlanGroup> groups = new LinkedHashMap<>();
        double fps = 0;
        for (Compiled c : running) {
            PlanGroup g = groups.get(c.sourceKey());
            List<AlertRule> rules = new ArrayList<>(g == null ? List.of() : g.rules());
            rules.add(c.rule());
            groups.put(c.sourceKey(), new PlanGroup(c.sourceKey(), c.provider(), List.copyOf(rules)));
            fps = Math.max(fps, c.fps());
        }
        return new Plan(List.copyOf(groups.values()), fps);
    }

    private ChannelWorker start(int videoNo, Plan plan, VideoChannels v) {
        openFailures.keySet().removeIf(k -> k.startsWith(StoredRule.channelPrefix(videoNo)));
        List<AnalysisGroup> groups = new ArrayList<>();
        for (PlanGroup g : plan.groups()) {
            DetectionSource source;
            try {
                source = g.provider() instanceof AnalyzerFactory f
                        ? DetectionSource.of(f.open(g.rules().get(0))) // one analyzer per warehouse and channel
                        : DetectionSource.of((FrameDetector) g.provider());
            } catch (RuntimeException e) {
                LOG.warn("channel {}: {} could not be opened", videoNo, g.sourceKey(), e);
                for (AlertRule r : g.rules()) {
                    openFailures.put(StoredRule.key(r.videoNo(), r.ruleIndex()), "the analyzer failed to open: " + e);
                }
                continue;
            }
            groups.add(new AnalysisGroup(source, g.rules().stream().map(r -> new RuleEvaluator(r, zone)).toList(),
                    trackIds));
        }
        ChannelWorker w = new ChannelWorker(videoNo, plan, plan.fps(), v.subscribe(videoNo, plan.fps()), groups, pool,
                this::deliver);
        w.start();
        LOG.info("channel {}: analysing at {} fps ({} rule(s))", videoNo, plan.fps(),
                plan.groups().stream().mapToInt(g -> g.rules().size()).sum());
        return w;
    }

    /** Hands an event to every sink; with none present, logs it at debug level and counts it. */
    void deliver(AlarmEvent event, Frame frame) {
        eventsRaised.incrementAndGet();
        if (sinks.isEmpty()) {
            eventsWithoutSink.incrementAndGet();
            LOG.debug("no AlarmEventSink: {}", event);
            return;
        }
        for (AlarmEventSink s : sinks) {
            try {
                s.accept(event, frame);
            } catch (RuntimeException e) {
                LOG.warn("AlarmEventSink {} failed", s, e);
            }
        }
    }
}
