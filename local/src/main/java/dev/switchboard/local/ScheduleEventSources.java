package dev.switchboard.local;

import dev.switchboard.shared.log.Log;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's schedules (SAM Schedule and ScheduleV2 events), run as EventBridge runs them: the
 * function is invoked with a scheduled event at the schedule's rate, the first time one period
 * after start. Only rate(…) expressions run locally; a cron(…) schedule is listed and skipped.
 */
public final class ScheduleEventSources implements AutoCloseable {
    private static final Log LOG = Log.of(ScheduleEventSources.class);
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    /** @param period null for an expression the local stack does not run (cron) */
    public record Mapping(String function, Template.ScheduleSource source, Duration period) {
    }

    private final List<Mapping> mappings;
    private final LambdaFunctions functions;
    private final ScheduledExecutorService timer;

    ScheduleEventSources(Template template, LambdaFunctions functions, boolean run) {
        List<Mapping> found = new ArrayList<>();
        for (Template.Function f : template.functions()) {
            for (Template.ScheduleSource source : f.schedules()) {
                found.add(new Mapping(f.logicalId(), source, period(source.expression())));
            }
        }
        this.mappings = List.copyOf(found);
        this.functions = functions;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("schedule-event-sources").factory());
        if (run) {
            for (Mapping mapping : mappings) {
                if (mapping.period() == null) {
                    LOG.warn("schedule not run locally: only rate(…) expressions are", "function", mapping.function(),
                            "expression", mapping.source().expression());
                    continue;
                }
                long millis = mapping.period().toMillis();
                timer.scheduleAtFixedRate(() -> invoke(mapping), millis, millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    static Duration period(String expression) {
        Matcher m = RATE.matcher(expression.strip());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /** Invokes every schedule's function once, now, as if its time had come. */
    public void fire() {
        mappings.forEach(this::invoke);
    }

    private synchronized void invoke(Mapping mapping) {
        try {
            functions.invokeRaw(mapping.function(), event(mapping));
        } catch (RuntimeException e) {
            // EventBridge retries a failed invocation; the next period does as well here.
            LOG.warn("scheduled invocation failed", "function", mapping.function(), "reason",
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** EventBridge's scheduled event, as the function receives it. */
    private static Map<String, Object> event(Mapping mapping) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", "000000000000");
        event.put("time", Instant.now().toString());
        event.put("region", Emulators.REGION);
        event.put("resources", List.of("arn:aws:events:" + Emulators.REGION + ":000000000000:rule/"
                + mapping.function() + "-" + mapping.source().name()));
        event.put("detail", Map.of());
        return event;
    }

    @Override
    public void close() {
        // A scheduled run in progress finishes; none starts after this.
        timer.shutdown();
        try {
            if (!timer.awaitTermination(EventSources.STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
