package org.megbox.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.megbox.faces.internal.Library.picture;
import static org.megbox.faces.internal.Library.req;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaceGroupsEndpointTest extends LibraryTest {

    String enrol(long seed, String group) throws Exception {
        var r = upload(picture(seed, 200, 200), "d" + seed);
        if (group != null) {
            r.formField("group", group);
        }
        return (String) enrol(r).get("faceToken");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groupList() throws Exception {
        return (List<Map<String, Object>>) ((Map<String, Object>) lib.call("GET", "/faceGroups", req("GET", "x")))
                .get("faceGroupList");
    }

    @Test
    void groupsAreUniqueValidAndAtMost64() throws Exception {
        assertThat(createGroup("PMPM")).isZero();
        assertThat(createGroup("PMPM")).isEqualTo(104300);
        assertThat(createGroup("班级_1")).isZero();
        assertThat(createGroup("bad name")).isEqualTo(104001);
        assertThat(createGroup("x".repeat(33))).isEqualTo(104001);
        assertThat(lib.code("POST", "/faceGroups", req("POST", "/faceGroups").body("{}"))).isEqualTo(104002);
        assertThat(groupList()).extracting(m -> m.get("groupName")).containsExactly("班级_1", "PMPM");
        for (int i = 2; i < 64; i++) {
            assertThat(createGroup("g" + i)).isZero();
        }
        assertThat(createGroup("g64")).isEqualTo(104302);
        lib.restart();
        assertThat(groupList()).hasSize(64);
        assertThat(createGroup("PMPM")).isEqualTo(104300);
    }

    @Test
    void bindUnbindAndListMembers() throws Exception {
        createGroup("A");
        createGroup("B");
        String t1 = enrol(1, "[{\"groupName\":\"A\"}]");
        String t2 = enrol(2, null);
        String t3 = enrol(3, "[\"A\",\"B\"]");
        assertThat(lib.code("POST", "/faceGroups/binding/{faceToken}", req("POST", "x").path("faceToken", t2)
                .body("{\"faceGroupList\":[{\"groupName\":\"B\"}]}"))).isZero();
        assertThat(lib.code("POST", "/faceGroups/binding/{faceToken}", req("POST", "x").path("faceToken", t2)
                .body("{\"faceGroupList\":[\"C\"]}"))).isEqualTo(104301);
        assertThat(lib.code("POST", "/faceGroups/binding/{faceToken}", req("POST", "x")
                .path("faceToken", "AAAAAAAAAAAAAAAAAAAAAA==").body("{\"faceGroupList\":[\"A\"]}")))
                .isEqualTo(104202);
        assertThat(lib.code("POST", "/faceGroups/{groupName}/{faceToken}",
                req("POST", "x").path("groupName", "A", "faceToken", t2))).isZero();
        assertThat(groupList()).extracting(m -> m.get("groupFaces")).containsExactly(2, 3);

        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) lib.call("GET", "/faceGroups/{groupName}",
                req("GET", "x").path("groupName", "A").query("pageSize", "2"));
        assertThat(page.get("totalFaces")).isEqualTo(2);
        assertThat(page).containsKey("nextPageToken");
        assertThat(lib.code("GET", "/faceGroups/{groupName}", req("GET", "x").path("groupName", "Z")))
                .isEqualTo(104301);

        assertThat(lib.code("DELETE", "/faceGroups/unbind/{faceToken}", req("DELETE", "x").path("faceToken", t1)
                .body("{\"faceGroupList\":[\"B\"]}"))).isEqualTo(104303);
        assertThat(lib.code("DELETE", "/faceGroups/unbind/{faceToken}", req("DELETE", "x").path("faceToken", t1)
                .body("{\"faceGroupList\":[\"A\"]}"))).isZero();
        assertThat(lib.service.store().face(t1).get().groups()).isEmpty();
        lib.restart();
        assertThat(lib.service.store().face(t3).get().groups()).containsExactly("A", "B");
        assertThat(lib.service.store().members("A").size()).isEqualTo(2);
    }

    @Test
    void deleteModes() throws Exception {
        createGroup("A");
        createGroup("B");
        String onlyA = enrol(1, "[\"A\"]");
        String both = enrol(2, "[\"A\",\"B\"]");
        // 3: clear - faces only in A go, faces also in B are unbound, A stays
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}",
                req("DELETE", "x").path("groupName", "A").query("deleteAllFace", "3"))).isZero();
        assertThat(lib.service.store().face(onlyA)).isEmpty();
        assertThat(lib.service.store().face(both).get().groups()).containsExactly("B");
        assertThat(lib.service.store().group("A")).isPresent();
        // 1: the group goes, its faces stay
        lib.call("POST", "/faceGroups/{groupName}/{faceToken}", req("POST", "x").path("groupName", "A", "faceToken", both));
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}",
                req("DELETE", "x").path("groupName", "A").query("deleteAllFace", "1"))).isZero();
        assertThat(lib.service.store().group("A")).isEmpty();
        assertThat(lib.service.store().face(both).get().groups()).containsExactly("B");
        // 2 (default): the group and its faces go
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}", req("DELETE", "x").path("groupName", "B")))
                .isZero();
        assertThat(lib.service.store().face(both)).isEmpty();
        assertThat(lib.service.index().get().size()).isZero();
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}", req("DELETE", "x").path("groupName", "B")))
                .isEqualTo(104301);
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}",
                req("DELETE", "x").path("groupName", "B").query("deleteAllFace", "4"))).isEqualTo(104001);
    }

    @Test
    void aGroupBoundByAChannelCannotBeDeletedButCleared() throws Exception {
        createGroup("A");
        String t = enrol(1, "[\"A\"]");
        var binding = new org.megbox.engine.FaceGroupBinding("A", "000000", "000000", 80, 60);
        var setting = new org.megbox.engine.StructureSurveillance(3, true, 1, List.of("face"), List.of(binding),
                java.util.Optional.empty(), 0);
        lib.groups.bindSurveillances(new org.megbox.engine.StructureSurveillanceService() {
            @Override
            public java.util.Optional<org.megbox.engine.StructureSurveillance> get(int videoNo) {
                return videoNo == 3 ? java.util.Optional.of(setting) : java.util.Optional.empty();
            }

            @Override
            public void addListener(Listener listener) {
            }

            @Override
            public void removeListener(Listener listener) {
            }
        });
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}", req("DELETE", "x").path("groupName", "A")))
                .isEqualTo(104304);
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}",
                req("DELETE", "x").path("groupName", "A").query("deleteAllFace", "1"))).isEqualTo(104304);
        assertThat(lib.service.store().face(t)).isPresent();
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}",
                req("DELETE", "x").path("groupName", "A").query("deleteAllFace", "3"))).isZero();
        assertThat(lib.service.store().face(t)).isEmpty();
        assertThat(lib.service.store().group("A")).isPresent();
    }

    @Test
    void aGroupBoundByAChannelsSection7SurveillanceCannotBeDeleted() throws Exception {
        createGroup("B");
        var bound = new org.megbox.video.FaceSurveillance(2, List.of(new org.megbox.video.FaceSurveillance.BoundGroup(
                "B", "000000", "000000", 80, 60)),
                new org.megbox.video.FaceSurveillance.GlobalStranger(false, 60, "000000", "000000"), 60);
        lib.groups.bindChannels((org.megbox.video.VideoChannels) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.megbox.video.VideoChannels.class}, (p, m, a) -> {
                    if (m.getName().equals("faceSurveillance")) {
                        return (int) a[0] == 2 ? java.util.Optional.of(bound) : java.util.Optional.empty();
                    }
                    throw new UnsupportedOperationException(m.getName());
                }));
        assertThat(lib.code("DELETE", "/faceGroups/{groupName}", req("DELETE", "x").path("groupName", "B")))
                .isEqualTo(104304);
        assertThat(lib.service.store().group("B")).isPresent();
    }
}
