package org.megbox.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.megbox.rest.Handler;
import org.megbox.rest.Route;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final Handler H = r -> null;

    private static RouteTable table(Route... routes) {
        return RouteTable.build(List.of(new RouteTable.Source(1, "ep", List.of(routes))));
    }

    private static RouteTable.Found found(RouteTable t, String method, String path) {
        RouteTable.Resolution r = t.resolve(method, path);
        assertThat(r).as(method + " " + path).isInstanceOf(RouteTable.Found.class);
        return (RouteTable.Found) r;
    }

    @Test
    void templateSegmentsCaptureTheirValues() {
        Route attr = Route.get("/getRuleTypeAttr/{typeNo}", H);
        Route face = Route.get("/faceGroups/{groupName}/{faceToken}", H);
        RouteTable t = table(attr, face);

        RouteTable.Found f = found(t, "GET", "/getRuleTypeAttr/20");
        assertThat(f.route()).isSameAs(attr);
        assertThat(f.params()).containsExactly(java.util.Map.entry("typeNo", "20"));

        RouteTable.Found g = found(t, "GET", "/faceGroups/vip/abc");
        assertThat(g.route()).isSameAs(face);
        assertThat(g.params()).containsEntry("groupName", "vip").containsEntry("faceToken", "abc");
    }

    @Test
    void anExactSegmentBeatsATemplateRegardlessOfOrder() {
        Route byToken = Route.get("/faces/{faceToken}", H);
        Route failList = Route.get("/faces/failList", H);
        RouteTable t = table(byToken, failList);

        assertThat(found(t, "GET", "/faces/failList").route()).isSameAs(failList);
        assertThat(found(t, "GET", "/faces/x1").route()).isSameAs(byToken);
    }

    @Test
    void resolutionBacktracksIntoATemplateWhenTheExactBranchDeadEnds() {
        Route exact = Route.get("/a/b/c", H);
        Route template = Route.get("/a/{x}/d", H);
        RouteTable t = table(exact, template);

        RouteTable.Found f = found(t, "GET", "/a/b/d");
        assertThat(f.route()).isSameAs(template);
        assertThat(f.params()).containsEntry("x", "b");
    }

    @Test
    void theMethodTakesPartInMatching() {
        Route list = Route.get("/faces/failList", H);
        Route delete = Route.delete("/faces/{faceToken}", H);
        RouteTable t = table(list, delete);

        RouteTable.Found f = found(t, "DELETE", "/faces/failList");
        assertThat(f.route()).isSameAs(delete);
        assertThat(f.params()).containsEntry("faceToken", "failList");
        assertThat(found(t, "get", "/faces/failList").route()).isSameAs(list);
    }

    @Test
    void aKnownPathWithAnotherMethodIsMethodNotAllowedAndAnUnknownOneNotFound() {
        RouteTable t = table(Route.get("/configs", H), Route.post("/configs", H), Route.get("/videos/{no}", H));

        assertThat(t.resolve("DELETE", "/configs")).isEqualTo(
                new RouteTable.MethodNotAllowed(java.util.Set.of("GET", "POST")));
        assertThat(t.resolve("PUT", "/videos/3")).isInstanceOf(RouteTable.MethodNotAllowed.class);
        assertThat(t.resolve("GET", "/nope")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(t.resolve("GET", "/configs/extra")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(t.resolve("GET", "/videos")).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void headFallsBackToTheGetRouteButNoOtherMethodDoes() {
        Route get = Route.get("/videos/{no}", H);
        Route head = new Route("HEAD", "/configs", org.megbox.rest.Access.READ, H);
        RouteTable t = table(get, head, Route.post("/faces", H), Route.get("/configs", H));
        RouteTable.Found f = found(t, "HEAD", "/videos/4");
        assertThat(f.route()).isSameAs(get);
        assertThat(f.params()).containsEntry("no", "4");
        assertThat(found(t, "HEAD", "/configs").route()).isSameAs(head);
        assertThat(t.resolve("HEAD", "/faces")).isInstanceOf(RouteTable.MethodNotAllowed.class);
        assertThat(t.resolve("OPTIONS", "/videos/4")).isInstanceOf(RouteTable.MethodNotAllowed.class);
    }

    @Test
    void oneTrailingSlashIsIgnoredButEmptySegmentsMatchNothing() {
        RouteTable t = table(Route.get("/configs", H), Route.get("/videos/{no}", H));
        assertThat(t.resolve("GET", "/configs/")).isInstanceOf(RouteTable.Found.class);
        assertThat(t.resolve("GET", "/videos/")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(t.resolve("GET", "//configs")).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void theRootPathCanBeARoute() {
        Route root = Route.get("/", H);
        RouteTable t = table(root);
        assertThat(found(t, "GET", "/").route()).isSameAs(root);
        assertThat(found(t, "GET", "").route()).isSameAs(root);
    }

    @Test
    void aSecondRouteWithTheSameMethodAndShapeIsRefused() {
        Route first = Route.get("/videos/{videoNo}", H);
        Route second = Route.get("/videos/{name}", H);
        Route otherMethod = Route.delete("/videos/{name}", H);
        RouteTable t = RouteTable.build(List.of(
                new RouteTable.Source(7, "late", List.of(second, otherMethod)),
                new RouteTable.Source(3, "early", List.of(first))));

        assertThat(found(t, "GET", "/videos/1").route()).isSameAs(first);
        assertThat(found(t, "DELETE", "/videos/1").route()).isSameAs(otherMethod);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.refused()).singleElement().satisfies(r -> {
            assertThat(r.endpoint()).isEqualTo("late");
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/videos/{name}");
            assertThat(r.reason()).contains("early");
        });
    }

    @Test
    void malformedTemplatesAreRefused() {
        RouteTable t = table(Route.get("/a/{}", H), Route.get("/b/x{y}", H), Route.get("/c//d", H),
                Route.get("/d/{p}/{p}", H), Route.get("/ok/{p}", H));
        assertThat(t.refused()).extracting(RouteTable.Refusal::path)
                .containsExactly("/a/{}", "/b/x{y}", "/c//d", "/d/{p}/{p}");
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void registryReadmitsARefusedRouteWhenTheOwnerLeaves() {
        RouteRegistry registry = new RouteRegistry();
        Route a = Route.get("/x", H);
        Route b = Route.get("/x", H);
        assertThat(registry.add(1, "A", List.of(a))).isEmpty();
        assertThat(registry.add(2, "B", List.of(b))).extracting(RouteTable.Refusal::endpoint).containsExactly("B");
        assertThat(found(registry.table(), "GET", "/x").route()).isSameAs(a);

        registry.remove(1);
        assertThat(found(registry.table(), "GET", "/x").route()).isSameAs(b);
        assertThat(registry.table().refused()).isEmpty();

        registry.remove(2);
        assertThat(registry.table().resolve("GET", "/x")).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void aPublishedTableDoesNotChangeWhenTheRegistryDoes() {
        RouteRegistry registry = new RouteRegistry();
        registry.add(1, "A", List.of(Route.get("/x", H)));
        RouteTable before = registry.table();
        registry.remove(1);
        assertThat(before.resolve("GET", "/x")).isInstanceOf(RouteTable.Found.class);
        assertThat(registry.table()).isNotSameAs(before);
    }
}
