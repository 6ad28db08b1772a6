package dev.weft.bench.peer;

import java.util.Map;

/** The 3-step chain: each step a no-op transform returning ~100 bytes, fed by the previous one. */
public interface Chain {

    Map<String, Object> run(int n);
}
