package dev.switchboard.shared.flows.wiring;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.flows.library.DynamoFlowLibrary;
import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.run.FlowEngine;
import dev.switchboard.shared.flows.run.FlowLoader;
import dev.switchboard.shared.flows.run.FlowRecorder;
import dev.switchboard.shared.flows.run.LibraryWorld;
import dev.switchboard.shared.tenancy.Directory;

/** The flows capability's wiring: the tenants' library, and running a flow on a call. */
public final class FlowsWiring {
    private final Platform platform;

    public FlowsWiring(Platform platform) {
        this.platform = platform;
    }

    /**
     * Priming for a function that runs flows: the made-up flow and schedule from this table, the
     * rest from tenancy's fixture.
     */
    public dev.switchboard.shared.priming.PrimingFixture priming(dev.switchboard.shared.priming.PrimingFixture tenancy) {
        return new FlowsPriming(tenancy, platform.settings().tables().flows());
    }

    /** The query of a made-up request that stands at the made-up flow's menu, waiting for the caller. */
    public static String primingQuery() {
        return "phase=gather&s=" + new dev.switchboard.shared.flows.run.FlowState("priming", "main", 1,
                java.util.Map.of("main", 1), java.util.List.of("main"), 0, 0, 0, 0).encode();
    }

    public FlowLibrary library() {
        return new DynamoFlowLibrary(platform.dynamo(), platform.settings().tables().flows());
    }

    /** Runs flows: the library's, with each tenant's schedules and agents. */
    public Runner runner(Directory directory, Calls calls) {
        FlowLibrary library = library();
        return new Runner(new FlowLoader(library, directory),
                tenantId -> new FlowEngine(new LibraryWorld(tenantId, library, directory)), new FlowRecorder(calls));
    }

    /** What a webhook needs to run a tenant's flow on a call and keep what it did. */
    public record Runner(FlowLoader loader, java.util.function.Function<String, FlowEngine> engines,
                         FlowRecorder recorder) {
        public FlowEngine engine(String tenantId) {
            return engines.apply(tenantId);
        }
    }
}
