package dev.weft.bench.peer;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Chain} as a DBOS workflow of three checkpointed steps. */
public class DbosChain implements Chain {

    private static final String PAD = "x".repeat(64);

    private final DBOS dbos;

    public DbosChain(DBOS dbos) {
        this.dbos = dbos;
    }

    @Override
    @Workflow(name = "chain")
    public Map<String, Object> run(int n) {
        Map<String, Object> a = dbos.runStep(() -> transform(n, PAD), "a");
        Map<String, Object> b = dbos.runStep(() -> transform(((Number) a.get("v")).intValue() + 1, (String) a.get("pad")), "b");
        return dbos.runStep(() -> transform(((Number) b.get("v")).intValue() + 1, (String) b.get("pad")), "c");
    }

    private static Map<String, Object> transform(int v, String pad) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("v", v);
        out.put("pad", pad);
        return out;
    }
}
