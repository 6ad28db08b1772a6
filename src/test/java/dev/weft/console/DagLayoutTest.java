package dev.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The console's DAG stays readable: for the built-in workflows, a 10-wide diamond and a 50-step
 * chain, no two nodes overlap and no edge passes through a node other than its own ends.
 */
class DagLayoutTest {

    record Case(String name, List<DagLayout.Node> nodes, List<DagLayout.Edge> edges) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> graphs() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/workflows"))) {
            for (Path file : files.sorted().toList()) {
                var steps = Json.parse(Files.readString(file)).get("steps");
                List<DagLayout.Node> nodes = new ArrayList<>();
                List<DagLayout.Edge> edges = new ArrayList<>();
                String previous = null;
                for (var step : steps) {
                    String id = step.get("id").asString();
                    nodes.add(new DagLayout.Node(id));
                    if (step.has("dependsOn")) {
                        step.get("dependsOn").forEach(d -> edges.add(new DagLayout.Edge(d.asString(), id, false)));
                    } else if (previous != null) {
                        edges.add(new DagLayout.Edge(previous, id, false));
                    }
                    previous = id;
                }
                cases.add(new Case(file.getFileName().toString(), nodes, edges));
            }
        }
        List<DagLayout.Node> diamond = new ArrayList<>(List.of(new DagLayout.Node("start"), new DagLayout.Node("join")));
        List<DagLayout.Edge> diamondEdges = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            diamond.add(new DagLayout.Node("branch-" + i));
            diamondEdges.add(new DagLayout.Edge("start", "branch-" + i, false));
            diamondEdges.add(new DagLayout.Edge("branch-" + i, "join", false));
        }
        cases.add(new Case("10-wide diamond", diamond, diamondEdges));
        List<DagLayout.Node> chain = new ArrayList<>();
        List<DagLayout.Edge> chainEdges = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            chain.add(new DagLayout.Node("step-" + i));
            if (i > 0) {
                chainEdges.add(new DagLayout.Edge("step-" + (i - 1), "step-" + i, false));
            }
        }
        cases.add(new Case("50-step chain", chain, chainEdges));
        // a fallback edge and a skip-level dependency, the shapes that tempt edges through nodes
        cases.add(new Case("skip levels", List.of(new DagLayout.Node("a"), new DagLayout.Node("b"), new DagLayout.Node("c"),
                new DagLayout.Node("d"), new DagLayout.Node("rescue")),
                List.of(new DagLayout.Edge("a", "b", false), new DagLayout.Edge("b", "c", false),
                        new DagLayout.Edge("a", "c", false), new DagLayout.Edge("c", "d", false),
                        new DagLayout.Edge("a", "d", false), new DagLayout.Edge("b", "rescue", true))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void nodesDoNotOverlapAndEdgesGoAroundNodes(Case c) {
        DagLayout.Graph graph = DagLayout.layout(c.nodes(), c.edges());
        List<DagLayout.Placed> placed = List.copyOf(graph.nodes().values());
        assertThat(placed).hasSize(c.nodes().size());
        for (int i = 0; i < placed.size(); i++) {
            DagLayout.Placed a = placed.get(i);
            assertThat(a.x() + DagLayout.NODE_WIDTH).isLessThanOrEqualTo(graph.width());
            assertThat(a.y() + DagLayout.NODE_HEIGHT).isLessThanOrEqualTo(graph.height());
            for (int j = i + 1; j < placed.size(); j++) {
                DagLayout.Placed b = placed.get(j);
                boolean apart = a.x() + DagLayout.NODE_WIDTH <= b.x() || b.x() + DagLayout.NODE_WIDTH <= a.x()
                        || a.y() + DagLayout.NODE_HEIGHT <= b.y() || b.y() + DagLayout.NODE_HEIGHT <= a.y();
                assertThat(apart).as("%s and %s overlap", a.id(), b.id()).isTrue();
            }
        }
        assertThat(graph.edges()).hasSize(c.edges().size());
        for (DagLayout.Route route : graph.edges()) {
            List<double[]> points = points(route.path());
            assertThat(points).hasSizeGreaterThanOrEqualTo(2);
            for (DagLayout.Placed node : placed) {
                if (node.id().equals(route.from()) || node.id().equals(route.to())) {
                    continue;
                }
                for (int k = 1; k < points.size(); k++) {
                    assertThat(crosses(points.get(k - 1), points.get(k), node))
                            .as("edge %s -> %s crosses node %s", route.from(), route.to(), node.id()).isFalse();
                }
            }
        }
    }

    /** The corners of an {@code M x y L x y ...} path. */
    private static List<double[]> points(String path) {
        String[] parts = path.trim().split("\\s+");
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i + 2 < parts.length + 1; i += 3) {
            points.add(new double[] {Double.parseDouble(parts[i + 1]), Double.parseDouble(parts[i + 2])});
        }
        return points;
    }

    /** Whether the segment enters the node's box (shrunk by a pixel: touching a border is not crossing). */
    private static boolean crosses(double[] p, double[] q, DagLayout.Placed node) {
        double left = node.x() + 1;
        double right = node.x() + DagLayout.NODE_WIDTH - 1;
        double top = node.y() + 1;
        double bottom = node.y() + DagLayout.NODE_HEIGHT - 1;
        // Liang-Barsky clipping: does any part of the segment lie inside the rectangle?
        double t0 = 0;
        double t1 = 1;
        double dx = q[0] - p[0];
        double dy = q[1] - p[1];
        double[] ps = {-dx, dx, -dy, dy};
        double[] qs = {p[0] - left, right - p[0], p[1] - top, bottom - p[1]};
        for (int i = 0; i < 4; i++) {
            if (ps[i] == 0) {
                if (qs[i] < 0) {
                    return false;
                }
            } else {
                double t = qs[i] / ps[i];
                if (ps[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 < t1;
    }
}
