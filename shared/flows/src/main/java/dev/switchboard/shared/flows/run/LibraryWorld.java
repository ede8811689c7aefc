package dev.switchboard.shared.flows.run;

import dev.switchboard.shared.flows.library.FlowLibrary;
import dev.switchboard.shared.flows.library.LibraryItem;
import dev.switchboard.shared.flows.schedules.Schedule;
import dev.switchboard.shared.flows.schedules.ScheduleJson;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.Directory;

import java.util.Optional;

/** A tenant's world as its flows see it: schedules from its library, agents from the directory. */
public record LibraryWorld(String tenantId, FlowLibrary library, Directory directory) implements FlowWorld {
    private static final Log LOG = Log.of(LibraryWorld.class);

    @Override
    public Optional<Schedule> schedule(String scheduleId) {
        return library.get(tenantId, LibraryItem.Kind.SCHEDULE, scheduleId).flatMap(item -> {
            try {
                return Optional.of(ScheduleJson.read(item.body(), item.id()));
            } catch (IllegalArgumentException e) {
                // Saved through the API, so checked: only a rule made stricter since could refuse it.
                LOG.warn("schedule no longer readable; the call goes the closed way", "scheduleId", scheduleId);
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<Dialable> agent(String agentId) {
        return directory.agent(tenantId, agentId).map(a -> new Dialable(a.id(), a.phone(), a.clientIdentity()));
    }
}
