package dev.weft.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.client.Model.Workflow;
import java.util.List;

/** Workflow definitions: save a new version, validate, list, read versions. */
public final class Workflows {

    private final Transport transport;

    Workflows(Transport transport) {
        this.transport = transport;
    }

    /** Saves the definition as the next version of its slug; an invalid one is a 422 listing every error. */
    public Workflow save(Object definition) {
        return transport.post("/v1/workflows", definition).as(Workflow.class);
    }

    /** Checks a definition without saving it ({@code validateOnly=true}); throws the same 422 as {@link #save}. */
    public JsonNode validate(Object definition) {
        return transport.post("/v1/workflows?validateOnly=true", definition).json();
    }

    /** The latest version of every workflow this app can run, built-in ones included. */
    public List<Workflow> list() {
        return transport.get("/v1/workflows").as(WorkflowList.class).workflows();
    }

    public Workflow latest(String slug) {
        return transport.get("/v1/workflows/" + Transport.segment(slug)).as(Workflow.class);
    }

    public Workflow version(String slug, int version) {
        return transport.get("/v1/workflows/" + Transport.segment(slug) + "/versions/" + version).as(Workflow.class);
    }

    /** Every version, newest first. */
    public List<Workflow> versions(String slug) {
        return transport.get("/v1/workflows/" + Transport.segment(slug) + "/versions").as(VersionList.class).versions();
    }

    record WorkflowList(List<Workflow> workflows) {}

    record VersionList(List<Workflow> versions) {}
}
