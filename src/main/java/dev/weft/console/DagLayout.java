package dev.weft.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a workflow's steps out as a left-to-right layered graph with ELK's layered algorithm
 * (Sugiyama style: layers by dependency, crossing minimisation, orthogonal edges routed between
 * the nodes, never through them), and answers positions the console draws as SVG.
 */
public final class DagLayout {

    /** Node size in SVG units: room for the id, and the type with the duration below it. */
    public static final double NODE_WIDTH = 190;
    public static final double NODE_HEIGHT = 58;
    private static final double MARGIN = 16;

    /** A step to place. */
    public record Node(String id) {}

    /** A dependency ({@code from} runs before {@code to}); {@code fallback} when it is an onError fallback. */
    public record Edge(String from, String to, boolean fallback) {}

    /** A placed node: its top-left corner. */
    public record Placed(String id, double x, double y) {}

    /** A routed edge as an SVG path ({@code M x y L x y ...}). */
    public record Route(String from, String to, boolean fallback, String path) {}

    /** The laid-out graph and the size of the drawing. */
    public record Graph(double width, double height, Map<String, Placed> nodes, List<Route> edges) {}

    static {
        // registers ELK's option types (ElkReflect) and the layered algorithm's options outside Eclipse
        org.eclipse.elk.core.data.LayoutMetaDataService.getInstance()
                .registerLayoutMetaDataProviders(new org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider());
    }

    private DagLayout() {}

    public static Graph layout(List<Node> nodes, List<Edge> edges) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 22.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 48.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.MERGE_EDGES, true); // a fan in or out shares one trunk
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(MARGIN));
        Map<String, ElkNode> byId = new LinkedHashMap<>();
        for (Node n : nodes) {
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setIdentifier(n.id());
            node.setDimensions(NODE_WIDTH, NODE_HEIGHT);
            byId.put(n.id(), node);
        }
        List<Edge> kept = new ArrayList<>();
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (Edge e : edges) {
            ElkNode from = byId.get(e.from());
            ElkNode to = byId.get(e.to());
            if (from != null && to != null && from != to) {
                elkEdges.add(ElkGraphUtil.createSimpleEdge(from, to));
                kept.add(e);
            }
        }
        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());

        Map<String, Placed> placed = new LinkedHashMap<>();
        for (var entry : byId.entrySet()) {
            placed.put(entry.getKey(), new Placed(entry.getKey(), entry.getValue().getX(), entry.getValue().getY()));
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            StringBuilder path = new StringBuilder();
            for (ElkEdgeSection section : elkEdges.get(i).getSections()) {
                point(path, 'M', section.getStartX(), section.getStartY());
                for (ElkBendPoint bend : section.getBendPoints()) {
                    point(path, 'L', bend.getX(), bend.getY());
                }
                point(path, 'L', section.getEndX(), section.getEndY());
            }
            Edge e = kept.get(i);
            routes.add(new Route(e.from(), e.to(), e.fallback(), path.toString().strip()));
        }
        return new Graph(Math.max(root.getWidth(), NODE_WIDTH + 2 * MARGIN), Math.max(root.getHeight(), NODE_HEIGHT + 2 * MARGIN),
                placed, routes);
    }

    private static void point(StringBuilder path, char command, double x, double y) {
        path.append(command).append(' ').append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
    }
}
