package org.megbox.faces.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import org.megbox.faces.internal.Records.Descriptor;
import org.megbox.faces.internal.Records.FaceRecord;
import org.megbox.faces.internal.Records.FailRecord;
import org.megbox.faces.internal.Records.GroupRecord;
import org.megbox.faces.internal.Records.ImageRecord;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;

/**
 * The library's records in the box database (photos, faces with their group bindings, descriptors, groups, failed
 * imports) and their files. Writes are serialised here: files first (fsync'd), then one transaction, then the
 * in-memory view of the faces and groups is updated; reads use that view or store lookups and never wait. Photos
 * are not held in memory (a million of them would cost about 370 bytes each): they are read from the store, listed
 * in upload order through {@code faces.order} (seq → imageId).
 */
final class FaceStore {

    private final Database db;
    private final FaceFiles files;
    private final KeyValueStore<String, ImageRecord> imageStore;
    private final KeyValueStore<Long, String> orderStore;
    private final KeyValueStore<String, FaceRecord> faceStore;
    private final KeyValueStore<Long, Descriptor> descriptorStore;
    private final KeyValueStore<String, GroupRecord> groupStore;
    private final KeyValueStore<Long, FailRecord> failStore;
    private final KeyValueStore<String, String> meta;

    private final Map<String, FaceRecord> faces = new ConcurrentHashMap<>();
    private final Map<Long, FaceRecord> facesByKey = new ConcurrentHashMap<>();
    private final Map<String, GroupRecord> groups = new ConcurrentHashMap<>();
    /** groupName → face key → face, for counts, paged lists and the search filter. */
    private final Map<String, NavigableMap<Long, FaceRecord>> members = new ConcurrentHashMap<>();
    private long lastSeq;

    FaceStore(Database db, FaceFiles files) {
        this.db = db;
        this.files = files;
        this.imageStore = db.store("faces.images", Records.json(ImageRecord.class));
        this.orderStore = db.longStore("faces.order", Codec.utf8());
        this.faceStore = db.store("faces.faces", Records.json(FaceRecord.class));
        this.descriptorStore = db.longStore("faces.descriptors", Records.DESCRIPTOR);
        this.groupStore = db.store("faces.groups", Records.json(GroupRecord.class));
        this.failStore = db.longStore("faces.fails", Records.json(FailRecord.class));
        this.meta = db.store("faces.meta", Codec.utf8());
        if (orderStore.size() != imageStore.size()) {
            rebuildOrder();
        }
        faceStore.entries().values().forEach(this::showFace);
        groupStore.entries().values().forEach(this::showGroup);
        faceStore.entries().values().forEach(this::showBindings);
        lastSeq = meta.get("seq").map(Long::parseLong).orElse(0L);
        files.deleteOrphans(imageStore::containsKey, faces::containsKey);
    }

    /** The upload order of the photos, from their records (a database of before {@code faces.order}). */
    private void rebuildOrder() {
        db.transaction(() -> {
            orderStore.clear();
            for (ImageRecord i : imageStore.entries().values()) {
                orderStore.put(i.seq(), i.imageId());
            }
        });
    }

    FaceFiles files() {
        return files;
    }

    // ---- reads (never wait)

    Optional<ImageRecord> image(String imageId) {
        return imageId == null ? Optional.empty() : imageStore.get(imageId);
    }

    Optional<FaceRecord> face(String faceToken) {
        return Optional.ofNullable(faceToken == null ? null : faces.get(faceToken));
    }

    Optional<FaceRecord> faceByKey(long key) {
        return Optional.ofNullable(facesByKey.get(key));
    }

    int faceCount() {
        return faces.size();
    }

    /** Up to {@code limit} photos in upload order from {@code seq} on. */
    NavigableMap<Long, ImageRecord> imagesFrom(long seq, int limit) {
        NavigableMap<Long, ImageRecord> page = new TreeMap<>();
        for (Map.Entry<Long, String> e : orderStore.entriesFrom(seq, limit)) {
            imageStore.get(e.getValue()).ifPresent(i -> page.put(e.getKey(), i));
        }
        return page;
    }

    int imageCount() {
        return imageStore.size();
    }

    /** Every face, in enrolment order. */
    List<FaceRecord> faces() {
        List<FaceRecord> all = new ArrayList<>(facesByKey.values());
        all.sort(Comparator.comparingLong(FaceRecord::key));
        return all;
    }

    Optional<GroupRecord> group(String name) {
        return Optional.ofNullable(name == null ? null : groups.get(name));
    }

    /** Newest first. */
    List<GroupRecord> groups() {
        List<GroupRecord> all = new ArrayList<>(groups.values());
        all.sort(Comparator.comparingLong(GroupRecord::seq).reversed());
        return all;
    }

    /** The faces bound to a group, by key (enrolment order); empty for an unknown group. */
    NavigableMap<Long, FaceRecord> members(String group) {
        NavigableMap<Long, FaceRecord> m = members.get(group);
        return m == null ? new ConcurrentSkipListMap<>() : m;
    }

    Optional<Descriptor> descriptor(long key) {
        return descriptorStore.get(key);
    }

    /** Every stored descriptor, in key order, read in pages (for rebuilding the index without a model). */
    void forEachDescriptor(BiConsumer<Long, Descriptor> each) {
        Long from = null;
        while (true) {
            List<Map.Entry<Long, Descriptor>> page = descriptorStore.entriesFrom(from, 1000);
            for (Map.Entry<Long, Descriptor> e : page) {
                each.accept(e.getKey(), e.getValue());
            }
            if (page.size() < 1000) {
                return;
            }
            from = page.get(page.size() - 1).getKey() + 1;
        }
    }

    int descriptorCount() {
        return descriptorStore.size();
    }

    List<Map.Entry<Long, FailRecord>> failsFrom(long seq, int limit) {
        return failStore.entriesFrom(seq, limit);
    }

    int failCount() {
        return failStore.size();
    }

    Optional<String> meta(String key) {
        return meta.get(key);
    }

    // ---- writes (serialised)

    synchronized long nextSeq() {
        return ++lastSeq;
    }

    /** Stores a photo and its face: files, then one transaction. */
    synchronized void addFace(ImageRecord image, byte[] original, FaceRecord face, byte[] crop, Descriptor d)
            throws IOException {
        ImageRecord old = imageStore.get(image.imageId()).orElse(null);
        if (old != null && old.faceToken() != null) {
            throw new org.megbox.rest.ApiException(org.megbox.rest.ErrorCode.FACE_ALREADY_EXIST);
        }
        files.write(files.image(image.imageId(), image.format()), original);
        files.write(files.crop(face.faceToken()), crop);
        long seq = lastSeq;
        db.transaction(() -> {
            if (old != null) {
                orderStore.remove(old.seq());
            }
            orderStore.put(image.seq(), image.imageId());
            imageStore.put(image.imageId(), image);
            faceStore.put(face.faceToken(), face);
            descriptorStore.put(face.key(), d);
            meta.put("seq", Long.toString(seq));
        });
        showFace(face);
        showBindings(face);
    }

    /** Deletes a face (crop, bindings, descriptor); its photo stays. */
    synchronized Optional<FaceRecord> deleteFace(String faceToken) {
        FaceRecord face = faces.get(faceToken);
        if (face == null) {
            return Optional.empty();
        }
        ImageRecord image = imageStore.get(face.imageId()).orElse(null);
        db.transaction(() -> {
            removeFaceRecords(face);
            if (image != null) {
                imageStore.put(image.imageId(), image.withFaceToken(null));
            }
        });
        hideFace(face);
        files.delete(files.crop(faceToken));
        return Optional.of(face);
    }

    /** Deletes a photo and its face; returns the face it had, if any. */
    synchronized Optional<FaceRecord> deleteImage(ImageRecord image) {
        FaceRecord face = image.faceToken() == null ? null : faces.get(image.faceToken());
        db.transaction(() -> {
            imageStore.remove(image.imageId());
            orderStore.remove(image.seq());
            if (face != null) {
                removeFaceRecords(face);
            }
        });
        if (face != null) {
            hideFace(face);
            files.delete(files.crop(face.faceToken()));
        }
        files.delete(files.image(image.imageId(), image.format()));
        return Optional.ofNullable(face);
    }

    /** §5.1.7: every photo, face, descriptor and binding (the groups stay). */
    synchronized void clearLibrary() {
        List<ImageRecord> allImages = new ArrayList<>(imageStore.entries().values());
        List<FaceRecord> allFaces = new ArrayList<>(faces.values());
        db.transaction(() -> {
            imageStore.clear();
            orderStore.clear();
            faceStore.clear();
            descriptorStore.clear();
        });
        faces.clear();
        facesByKey.clear();
        members.values().forEach(Map::clear);
        allFaces.forEach(f -> files.delete(files.crop(f.faceToken())));
        allImages.forEach(i -> files.delete(files.image(i.imageId(), i.format())));
    }

    synchronized void createGroup(GroupRecord group) {
        db.transaction(() -> {
            groupStore.put(group.groupName(), group);
            meta.put("seq", Long.toString(lastSeq));
        });
        showGroup(group);
    }

    /** Removes the group (unless {@code keepGroup}) and its bindings; deletes the faces in {@code facesToDelete}. */
    synchronized void dropGroup(String name, boolean keepGroup, Set<String> facesToDelete) {
        List<FaceRecord> bound = new ArrayList<>(members(name).values());
        List<FaceRecord> deleted = new ArrayList<>();
        List<FaceRecord> unbound = new ArrayList<>();
        db.transaction(() -> {
            for (FaceRecord f : bound) {
                if (facesToDelete.contains(f.faceToken())) {
                    removeFaceRecords(f);
                    imageStore.get(f.imageId()).ifPresent(
                            image -> imageStore.put(image.imageId(), image.withFaceToken(null)));
                    deleted.add(f);
                } else {
                    FaceRecord changed = f.withGroups(f.groups().stream().filter(g -> !g.equals(name)).toList());
                    faceStore.put(f.faceToken(), changed);
                    unbound.add(changed);
                }
            }
            if (!keepGroup) {
                groupStore.remove(name);
            }
        });
        for (FaceRecord f : deleted) {
            hideFace(f);
            files.delete(files.crop(f.faceToken()));
        }
        members(name).clear();
        unbound.forEach(this::showFace);
        if (!keepGroup) {
            groups.remove(name);
            members.remove(name);
        }
    }

    /** Replaces a face's group list (binding and unbinding). */
    synchronized FaceRecord setGroups(FaceRecord face, List<String> newGroups) {
        FaceRecord changed = face.withGroups(newGroups);
        faceStore.put(face.faceToken(), changed);
        for (String g : face.groups()) {
            if (!newGroups.contains(g)) {
                members(g).remove(face.key());
            }
        }
        showFace(changed);
        showBindings(changed);
        return changed;
    }

    /** Replaces the descriptor of a face that still exists; false when it was deleted meanwhile. */
    synchronized boolean putDescriptor(long key, Descriptor d) {
        FaceRecord face = facesByKey.get(key);
        if (face == null) {
            return false;
        }
        FaceRecord changed = face.withModelId(d.modelId());
        db.transaction(() -> {
            descriptorStore.put(key, d);
            faceStore.put(changed.faceToken(), changed);
        });
        showFace(changed);
        return true;
    }

    /** Faces whose descriptor is of {@code modelId} (a record of before this field: its descriptor is read). */
    int faceCount(String modelId) {
        int n = 0;
        for (FaceRecord f : faces.values()) {
            String m = f.modelId() != null ? f.modelId()
                    : descriptorStore.get(f.key()).map(Descriptor::modelId).orElse(null);
            if (modelId.equals(m)) {
                n++;
            }
        }
        return n;
    }

    synchronized void putMeta(String key, String value) {
        meta.put(key, value);
    }

    synchronized void addFail(FailRecord fail) {
        long seq = ++lastSeq;
        db.transaction(() -> {
            failStore.put(seq, fail);
            meta.put("seq", Long.toString(seq));
        });
    }

    synchronized void clearFails() {
        failStore.clear();
    }

    // ---- the in-memory view

    private void removeFaceRecords(FaceRecord face) {
        faceStore.remove(face.faceToken());
        descriptorStore.remove(face.key());
    }

    private void showFace(FaceRecord face) {
        faces.put(face.faceToken(), face);
        facesByKey.put(face.key(), face);
        for (String g : face.groups()) {
            NavigableMap<Long, FaceRecord> m = members.get(g);
            if (m != null && m.containsKey(face.key())) {
                m.put(face.key(), face);
            }
        }
    }

    private void showBindings(FaceRecord face) {
        for (String g : face.groups()) {
            members.computeIfAbsent(g, k -> new ConcurrentSkipListMap<>()).put(face.key(), face);
        }
    }

    private void hideFace(FaceRecord face) {
        faces.remove(face.faceToken());
        facesByKey.remove(face.key());
        for (String g : face.groups()) {
            NavigableMap<Long, FaceRecord> m = members.get(g);
            if (m != null) {
                m.remove(face.key());
            }
        }
    }

    private void showGroup(GroupRecord group) {
        groups.put(group.groupName(), group);
        members.computeIfAbsent(group.groupName(), k -> new ConcurrentSkipListMap<>());
    }

    static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
