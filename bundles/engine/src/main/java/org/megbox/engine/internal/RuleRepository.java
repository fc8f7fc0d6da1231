package org.megbox.engine.internal;

import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored rules and channel switches: loaded at start, changed as commit-then-publish. Readers get the
 * volatile immutable snapshot, replaced only after the transaction committed, so a read never waits and never
 * sees half of a change; a failed commit leaves the snapshot as it was. Writers are serialised.
 */
final class RuleRepository {

    static final String RULES = "engine.rules";
    static final String CHANNELS = "engine.channels";

    private static final Logger LOG = LoggerFactory.getLogger(RuleRepository.class);

    /** An immutable view: rules by key ({@code vv/r}, sorted by channel then index), switches by channel. */
    record Snapshot(Map<String, StoredRule> rules, Map<Integer, ChannelSettings> channels) {

        List<StoredRule> ruleList() {
            return List.copyOf(rules.values());
        }

        List<StoredRule> rulesOf(int videoNo) {
            return rules.values().stream().filter(r -> r.videoNo() == videoNo).toList();
        }

        ChannelSettings channel(int videoNo) {
            return channels.getOrDefault(videoNo, new ChannelSettings(videoNo, false, null));
        }
    }

    private final Database database;
    private final KeyValueStore<String, StoredRule> rules;
    private final KeyValueStore<String, ChannelSettings> channels;
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot;

    RuleRepository(Database database) {
        this.database = database;
        this.rules = database.store(RULES, Json.codec(StoredRule.class));
        this.channels = database.store(CHANNELS, Json.codec(ChannelSettings.class));
        this.snapshot = load();
    }

    private Snapshot load() {
        Map<String, StoredRule> r = new TreeMap<>();
        for (String key : rules.keys()) {
            try {
                rules.get(key).ifPresent(rule -> r.put(rule.key(), rule));
            } catch (UncheckedIOException | IllegalArgumentException e) {
                LOG.warn("stored rule {} is unreadable and ignored", key, e);
            }
        }
        Map<Integer, ChannelSettings> c = new TreeMap<>();
        for (String key : channels.keys()) {
            try {
                channels.get(key).ifPresent(ch -> c.put(ch.videoNo(), ch));
            } catch (UncheckedIOException | IllegalArgumentException e) {
                LOG.warn("stored channel switches {} are unreadable and ignored", key, e);
            }
        }
        return new Snapshot(Collections.unmodifiableMap(r), Collections.unmodifiableMap(c));
    }

    Snapshot snapshot() {
        return snapshot;
    }

    Optional<StoredRule> rule(int videoNo, int ruleIndex) {
        return Optional.ofNullable(snapshot.rules().get(StoredRule.key(videoNo, ruleIndex)));
    }

    /** Stores a rule and the channel's switches in one transaction, then publishes. */
    Snapshot put(StoredRule rule, ChannelSettings channel) {
        synchronized (writeLock) {
            database.transaction(() -> {
                rules.put(rule.key(), rule);
                channels.put(Integer.toString(channel.videoNo()), channel);
            });
            Map<String, StoredRule> r = new TreeMap<>(snapshot.rules());
            r.put(rule.key(), rule);
            Map<Integer, ChannelSettings> c = new TreeMap<>(snapshot.channels());
            c.put(channel.videoNo(), channel);
            snapshot = new Snapshot(Collections.unmodifiableMap(r), Collections.unmodifiableMap(c));
            return snapshot;
        }
    }

    /** Stores the channel's switches, then publishes. */
    Snapshot put(ChannelSettings channel) {
        synchronized (writeLock) {
            database.transaction(() -> channels.put(Integer.toString(channel.videoNo()), channel));
            Map<Integer, ChannelSettings> c = new TreeMap<>(snapshot.channels());
            c.put(channel.videoNo(), channel);
            snapshot = new Snapshot(snapshot.rules(), Collections.unmodifiableMap(c));
            return snapshot;
        }
    }
}
