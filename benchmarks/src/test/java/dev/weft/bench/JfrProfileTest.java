package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JfrProfileTest {

    @Test
    void jdkFramesCountForTheLibraryThatCalledThem() {
        assertEquals("H2 database engine", JfrProfile.owner(List.of(
                "java.nio.HeapByteBuffer.put", "org.h2.mvstore.DataUtils.writeVarInt", "dev.weft.store.JdbcRunStore.apply")));
        assertEquals("Weft", JfrProfile.owner(List.of("java.util.HashMap.get", "dev.weft.engine.Decider.decide")));
    }

    @Test
    void springsJdbcIsToldApartFromTheRestOfSpring() {
        assertEquals("Spring JDBC and transactions", JfrProfile.owner(List.of(
                "org.springframework.jdbc.core.JdbcTemplate.update", "dev.weft.store.DecisionWriter.apply")));
        assertEquals("Spring (other)", JfrProfile.owner(List.of("org.springframework.aop.support.AopUtils.invokeJoinpointUsingReflection")));
        assertEquals("Spring MVC", JfrProfile.owner(List.of("org.springframework.web.servlet.DispatcherServlet.doDispatch")));
    }

    @Test
    void aStackOfOnlyJdkFramesIsTheJdksOwn() {
        assertEquals("JDK only (virtual-thread scheduling, I/O, GC helpers)",
                JfrProfile.owner(List.of("java.util.concurrent.ForkJoinPool.runWorker", "java.lang.Thread.run")));
    }
}
