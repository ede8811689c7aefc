package dev.switchboard.local;

import dev.switchboard.local.SyntheticScript.Again;
import dev.switchboard.local.SyntheticScript.Follow;
import dev.switchboard.local.SyntheticScript.Hit;
import dev.switchboard.local.SyntheticScript.MessageStatus;
import dev.switchboard.local.SyntheticScript.Post;
import dev.switchboard.local.SyntheticScript.Send;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.twiml.TwimlDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Plays the history's requests in the order they arrive, with the functions' clock (one for the
 * JVM) at their moments: webhooks signed with the tenant's auth token as Twilio signs them, the
 * next URL of a call taken from the TwiML Switchboard answered, messages sent through the API as
 * an app sends them.
 */
final class SyntheticPlayer implements AutoCloseable {
    /** A request as it went out: where, and with what. */
    private record Sent(String path, Map<String, String> params) {
    }

    private final Map<Hit, Sent> sent = new ConcurrentHashMap<>();
    private final ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger requests = new AtomicInteger();

    /** Sets the functions' clock (LocalClock) to a moment of the history. */
    static void clockAt(Instant at) {
        System.setProperty(Settings.LOCAL_NOW, at.toString());
    }

    /** The functions' clock runs as the real one again. */
    static void realClock() {
        System.clearProperty(Settings.LOCAL_NOW);
    }

    /**
     * Plays the hits in stretches: a timed one with the clock at its moment, and those after it up
     * to the next timed one at that same moment (what they record is counted from Twilio's
     * parameters, not from when it was recorded), all at once but each script's in order. A
     * stretch is over before the clock moves on: a request under way when the clock jumped would
     * see its commit come long after its events' stamp, and stamp them again.
     *
     * @param progress told every 5,000 requests how far it got
     */
    void play(List<Hit> hits, IntConsumer progress) {
        int reported = 0;
        for (int from = 0; from < hits.size(); ) {
            int until = from + 1;
            while (until < hits.size() && !hits.get(until).timed()) {
                until++;
            }
            clockAt(hits.get(from).at());
            stretch(hits.subList(from, until));
            from = until;
            if (requests.get() / 5000 > reported) {
                reported = requests.get() / 5000;
                progress.accept(requests.get());
            }
        }
    }

    int requests() {
        return requests.get();
    }

    private void stretch(List<Hit> hits) {
        Map<SyntheticScript, List<Hit>> byScript = new LinkedHashMap<>();
        hits.forEach(h -> byScript.computeIfAbsent(h.script(), s -> new ArrayList<>()).add(h));
        if (byScript.size() == 1) {
            hits.forEach(this::play);
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        byScript.values().forEach(lane -> running.add(lanes.submit(() -> lane.forEach(this::play))));
        running.forEach(SyntheticPlayer::await);
    }

    private void play(Hit hit) {
        SyntheticScript script = hit.script();
        switch (hit.step()) {
            case Send send -> send(script, send);
            case Again again -> {
                Sent first = sent.get(again.first());
                if (first == null) {
                    throw new AssertionError(script.label + ": a repeat of a request that was never sent");
                }
                post(script, first);
            }
            case Post post -> deliver(hit, script, new Sent(post.path(), post.params()), post.leads());
            case Follow follow -> deliver(hit, script, new Sent(action(script, follow.verb()), follow.params()), true);
            case MessageStatus status -> {
                Map<String, String> params = new LinkedHashMap<>(status.params());
                params.put("MessageSid", script.messageSid);
                params.put("SmsSid", script.messageSid);
                deliver(hit, script, new Sent("/twilio/messaging/status?messageId=" + script.messageId, params), false);
            }
        }
    }

    private void deliver(Hit hit, SyntheticScript script, Sent request, boolean leads) {
        sent.put(hit, request);
        String answer = hit.twice() ? postTwice(script, request) : post(script, request);
        if (leads) {
            script.twiml = TwimlDocument.parse(answer);
        }
    }

    private String post(SyntheticScript script, Sent request) {
        requests.incrementAndGet();
        var response = SignedWebhooks.post(request.path(), request.params(), script.tenant.token());
        if (response.status() != 200) {
            throw new AssertionError(script.label + ": " + request.path() + " answered " + response.status() + " "
                    + response.body());
        }
        return response.body();
    }

    /** The same request twice at the same moment: both answered alike, what it changes changed once. */
    private String postTwice(SyntheticScript script, Sent request) {
        Future<String> one = lanes.submit(() -> post(script, request));
        Future<String> other = lanes.submit(() -> post(script, request));
        String answer = await(one);
        String again = await(other);
        if (!answer.equals(again)) {
            throw new AssertionError(script.label + ": the same request answered two ways: " + answer + " / " + again);
        }
        return answer;
    }

    /** Where the last TwiML's verb sends its action: the path and query Twilio requests (and signs). */
    private static String action(SyntheticScript script, String verb) {
        if (script.twiml == null || script.twiml.response().getElementsByTagName(verb).getLength() == 0) {
            throw new AssertionError(script.label + ": the call was to go on from a <" + verb + ">, and Switchboard's"
                    + " last answer has none");
        }
        String url = script.twiml.verb(verb).getAttribute("action");
        String base = TestStack.PUBLIC_URL.toString();
        if (!url.startsWith(base)) {
            throw new AssertionError(script.label + ": <" + verb + "> action " + url + " is not on " + base);
        }
        return url.substring(base.length());
    }

    private void send(SyntheticScript script, Send send) {
        requests.incrementAndGet();
        var response = Api.call("POST", "/v1/tenants/{tenantId}/messages", Map.of("tenantId", script.tenant.id()),
                script.tenant.key(), send.body());
        if (response.status() != 201) {
            throw new AssertionError(script.label + ": the message was not sent: " + response.body());
        }
        script.messageId = response.json().path("id").asText();
        script.messageSid = response.json().path("messageSid").asText();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        lanes.shutdownNow();
    }
}
