package org.megbox.faces.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.megbox.engine.FaceGroupBinding;
import org.megbox.engine.StructureSurveillanceService;
import org.megbox.faces.internal.Records.FaceRecord;
import org.megbox.faces.internal.Records.GroupRecord;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.video.FaceSurveillance;
import org.megbox.video.VideoChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * §6 {@code /faceGroups}: list, create (at most 64, names unique), delete or clear ({@code deleteAllFace} 1/2/3),
 * list a group's faces (paged), bind and unbind faces — by list ({@code /binding/{faceToken}},
 * {@code /unbind/{faceToken}}) and one at a time ({@code /{groupName}/{faceToken}}, listed in §2.2.4). A group that a
 * channel binds (its §7 surveillance or its §20.1 face-mode setting) cannot be deleted (104304 GROUP_BEUSED);
 * clearing it (mode 3) is allowed.
 */
@Component(service = RestEndpoint.class)
public final class FaceGroupsEndpoint implements RestEndpoint {

    static final int MAX_GROUPS = 64;
    /** §7: channels are numbered 1..16. */
    static final int MAX_CHANNELS = 16;

    private final FaceLibraryService library;
    private volatile StructureSurveillanceService surveillances;
    private volatile VideoChannels channels;

    @Activate
    public FaceGroupsEndpoint(@Reference FaceLibraryService library) {
        this.library = library;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSurveillances(StructureSurveillanceService service) {
        surveillances = service;
    }

    void unbindSurveillances(StructureSurveillanceService service) {
        if (surveillances == service) {
            surveillances = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindChannels(VideoChannels service) {
        channels = service;
    }

    void unbindChannels(VideoChannels service) {
        if (channels == service) {
            channels = null;
        }
    }

    /** The channels whose §7 surveillance or §20.1 setting binds the group. */
    List<Integer> channelsUsing(String group) {
        StructureSurveillanceService s = surveillances;
        VideoChannels v = channels;
        List<Integer> using = new ArrayList<>();
        for (int videoNo = 1; videoNo <= MAX_CHANNELS; videoNo++) {
            boolean bound = s != null && s.get(videoNo).map(x -> x.groups().stream()
                    .map(FaceGroupBinding::groupName).anyMatch(group::equals)).orElse(false);
            bound |= v != null && v.faceSurveillance(videoNo).map(x -> x.group().stream()
                    .map(FaceSurveillance.BoundGroup::groupName).anyMatch(group::equals)).orElse(false);
            if (bound) {
                using.add(videoNo);
            }
        }
        return using;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/faceGroups", r -> groupList()),
                Route.post("/faceGroups", this::create),
                Route.delete("/faceGroups/{groupName}", this::delete),
                Route.get("/faceGroups/{groupName}", this::members),
                Route.post("/faceGroups/binding/{faceToken}", this::bindList),
                Route.delete("/faceGroups/unbind/{faceToken}", this::unbindList),
                Route.post("/faceGroups/{groupName}/{faceToken}", this::bindOne),
                Route.delete("/faceGroups/{groupName}/{faceToken}", this::unbindOne));
    }

    private FaceStore store() {
        return library.store();
    }

    private Map<String, Object> groupList() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (GroupRecord g : store().groups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("groupName", g.groupName());
            m.put("groupFaces", store().members(g.groupName()).size());
            list.add(m);
        }
        return Map.of("faceGroupList", list);
    }

    private Object create(RestRequest r) {
        JsonNode body = r.json();
        JsonNode name = body.get("groupName");
        if (name == null || name.isNull()) {
            throw ApiException.missing("groupName");
        }
        if (!name.isTextual() || !GroupNames.valid(name.asText())) {
            throw ApiException.illegal("groupName");
        }
        synchronized (library) {
            if (store().group(name.asText()).isPresent()) {
                throw new ApiException(ErrorCode.GROUP_NAME_CONFLICT);
            }
            if (store().groups().size() >= MAX_GROUPS) {
                throw new ApiException(ErrorCode.GROUP_OVER_LIMIT);
            }
            store().createGroup(new GroupRecord(name.asText(), store().nextSeq()));
        }
        return groupList();
    }

    private GroupRecord existing(RestRequest r) {
        return store().group(r.pathParam("groupName"))
                .orElseThrow(() -> new ApiException(ErrorCode.GROUP_NAME_NOT_EXIST));
    }

    /** 1 delete the group, keep its faces; 2 (default) delete it and its faces; 3 clear it (faces only in it go). */
    private Object delete(RestRequest r) {
        int mode = deleteMode(r);
        GroupRecord group = existing(r);
        String name = group.groupName();
        List<Integer> using = mode == 3 ? List.of() : channelsUsing(name);
        if (!using.isEmpty()) {
            throw new ApiException(ErrorCode.GROUP_BEUSED).withData(Map.of("reason", "bound by channel " + using));
        }
        library.requireNoBatch();
        library.dropGroup(name, mode);
        return null;
    }

    /** From the query, else from a JSON body; absent: 2, as the spec's default. */
    private static int deleteMode(RestRequest r) {
        String v = r.query("deleteAllFace").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (v == null) {
            try {
                JsonNode n = r.json().get("deleteAllFace");
                v = n == null || n.isNull() ? null : n.asText();
            } catch (ApiException noBody) {
                v = null;
            }
        }
        if (v == null) {
            return 2;
        }
        switch (v) {
            case "1":
                return 1;
            case "2":
                return 2;
            case "3":
                return 3;
            default:
                throw ApiException.illegal("deleteAllFace");
        }
    }

    private Object members(RestRequest r) {
        Paging paging = Paging.parse(r);
        GroupRecord group = existing(r);
        Paging.Page<Map<String, Object>> page = paging.of(store().members(group.groupName()), f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("imageId", f.imageId());
            m.put("faceToken", f.faceToken());
            m.put("description", store().image(f.imageId()).map(i -> i.description()).orElse(""));
            return m;
        });
        Map<String, Object> data = new LinkedHashMap<>();
        if (page.nextPageToken() != null) {
            data.put("nextPageToken", page.nextPageToken());
        }
        data.put("totalFaces", page.items().size());
        data.put("face", page.items());
        return data;
    }

    private FaceRecord face(RestRequest r) {
        return store().face(r.pathParam("faceToken"))
                .orElseThrow(() -> new ApiException(ErrorCode.FACE_TOKEN_NOT_EXIST));
    }

    private static List<String> bodyGroups(RestRequest r) {
        JsonNode list = r.json().get("faceGroupList");
        if (list == null || list.isNull()) {
            throw ApiException.missing("faceGroupList");
        }
        return GroupNames.fromJson(list, "faceGroupList");
    }

    private Object bindList(RestRequest r) {
        List<String> groups = bodyGroups(r);
        bind(face(r), groups);
        return null;
    }

    private Object bindOne(RestRequest r) {
        String group = r.pathParam("groupName");
        bind(face(r), List.of(group));
        return null;
    }

    private void bind(FaceRecord face, List<String> groups) {
        library.requireGroups(groups);
        synchronized (library) {
            FaceRecord current = store().face(face.faceToken())
                    .orElseThrow(() -> new ApiException(ErrorCode.FACE_TOKEN_NOT_EXIST));
            store().setGroups(current, FaceStore.union(current.groups(), groups));
        }
    }

    private Object unbindList(RestRequest r) {
        List<String> groups = bodyGroups(r);
        unbind(face(r), groups);
        return null;
    }

    private Object unbindOne(RestRequest r) {
        store().group(r.pathParam("groupName")).orElseThrow(() -> new ApiException(ErrorCode.GROUP_NAME_NOT_EXIST));
        unbind(face(r), List.of(r.pathParam("groupName")));
        return null;
    }

    /** 104303 when any of the groups is not bound to the face; then nothing is unbound. */
    private void unbind(FaceRecord face, List<String> groups) {
        synchronized (library) {
            FaceRecord current = store().face(face.faceToken())
                    .orElseThrow(() -> new ApiException(ErrorCode.FACE_TOKEN_NOT_EXIST));
            for (String g : groups) {
                if (!current.groups().contains(g)) {
                    throw new ApiException(ErrorCode.GROUP_BINDING_NOT_EXIST).withData(Map.of("reason", "not bound: " + g));
                }
            }
            store().setGroups(current, current.groups().stream().filter(g -> !groups.contains(g)).toList());
        }
    }
}
