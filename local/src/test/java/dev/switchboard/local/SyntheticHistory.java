package dev.switchboard.local;

import dev.switchboard.local.CallScripts.Kind;
import dev.switchboard.local.SyntheticScript.Again;
import dev.switchboard.local.SyntheticScript.Hit;
import dev.switchboard.local.SyntheticScript.Move;
import dev.switchboard.local.SyntheticScript.Post;
import dev.switchboard.local.SyntheticTenant.Routing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded history of calls and messages for each tenant, spread over its days (more in office
 * hours, on its own clock): what happened (the truth) and the requests that play it, each at the
 * moment it arrives. Some calls' callbacks arrive shuffled (a call's actions still in their
 * order: each needs the TwiML before it), and some requests arrive twice, at once or later.
 */
final class SyntheticHistory {
    /** Shares, in percent. */
    private static final int SHUFFLED = 35;
    private static final int TWICE_AT_ONCE = 5;
    private static final int TWICE_LATER = 7;
    private static final int FIRST_TWICE = 3;
    private static final int END_LOST = 2;

    final SyntheticTruth truth;
    final List<Hit> hits;
    /** How many of each kind, per tenant: for the summary. */
    final Map<String, Integer> kinds;

    private SyntheticHistory(SyntheticTruth truth, List<Hit> hits, Map<String, Integer> kinds) {
        this.truth = truth;
        this.hits = hits;
        this.kinds = kinds;
    }

    /** The days of the history, each tenant's on its own clock: [first, last], both whole days. */
    record Days(LocalDate first, LocalDate last) {
    }

    static SyntheticHistory generate(long seed, List<SyntheticTenant> tenants, Days days, int callsEach,
                                     int messagesEach) {
        return new Builder(new Random(seed), days).build(tenants, callsEach, messagesEach);
    }

    private static final class Builder {
        final Random random;
        final Days days;
        final CallScripts calls;
        final MessageScripts messages;
        final List<SyntheticTruth.Call> callTruth = new ArrayList<>();
        final List<SyntheticTruth.Message> messageTruth = new ArrayList<>();
        final List<SyntheticTruth.OptOut> optOuts = new ArrayList<>();
        final List<Hit> hits = new ArrayList<>();
        final Map<String, Integer> kinds = new TreeMap<>();
        int parties;

        Builder(Random random, Days days) {
            this.random = random;
            this.days = days;
            this.calls = new CallScripts(random);
            this.messages = new MessageScripts(random, calls);
        }

        SyntheticHistory build(List<SyntheticTenant> tenants, int callsEach, int messagesEach) {
            for (SyntheticTenant tenant : tenants) {
                for (int i = 0; i < callsEach; i++) {
                    call(tenant);
                }
                for (int i = 0; i < messagesEach; i++) {
                    message(tenant);
                }
            }
            // Stable: a script's requests at the same moment stay in their order.
            hits.sort(Comparator.comparing(Hit::at));
            return new SyntheticHistory(new SyntheticTruth(callTruth, messageTruth, optOuts), List.copyOf(hits),
                    kinds);
        }

        void call(SyntheticTenant tenant) {
            Instant start = moment(tenant);
            boolean lostEnd = random.nextInt(100) < END_LOST;
            CallScripts.Played played;
            int roll = random.nextInt(100);
            if (roll < 12) {
                var agent = tenant.agents().get(random.nextInt(3));
                played = calls.outbound(tenant, agent, start, party("+1646"), lostEnd);
            } else {
                SyntheticTenant.Line line = tenant.lines().get(pick(30, 20, 15, 35));
                String caller = party("+1415");
                played = switch (line.routing()) {
                    case FORWARD_VOICEMAIL -> calls.inbound(tenant, line, pick(List.of(Kind.ANSWERED, Kind.SHORT,
                            Kind.NO_ANSWER_VOICEMAIL, Kind.NO_ANSWER_SILENT, Kind.BUSY_VOICEMAIL, Kind.CANCELED),
                            48, 8, 16, 8, 6, 14), start, caller, lostEnd);
                    case FORWARD -> calls.inbound(tenant, line, pick(List.of(Kind.ANSWERED, Kind.SHORT, Kind.NO_ANSWER,
                            Kind.BUSY, Kind.CANCELED), 52, 8, 15, 10, 15), start, caller, lostEnd);
                    case BROWSER_VOICEMAIL -> calls.inbound(tenant, line, pick(List.of(Kind.ANSWERED, Kind.SHORT,
                            Kind.NO_ANSWER_VOICEMAIL, Kind.NO_ANSWER_SILENT, Kind.CANCELED), 55, 10, 18, 7, 10),
                            start, caller, lostEnd);
                    case FLOW -> calls.flow(tenant, line, tenant.schedule().open(start)
                            ? pick(List.of(Kind.SALES_ANSWERED, Kind.SUPPORT_ANSWERED, Kind.SUPPORT_SECOND_ANSWERED,
                            Kind.OPTION_VOICEMAIL, Kind.OPTION_SILENT, Kind.MENU_GONE, Kind.RING_GONE, Kind.NO_INPUT,
                            Kind.INVALID), 24, 14, 8, 12, 7, 12, 9, 8, 6)
                            : random.nextInt(100) < 60 ? Kind.AFTER_HOURS_VOICEMAIL : Kind.AFTER_HOURS_SILENT,
                            start, caller, lostEnd);
                };
            }
            callTruth.add(played.truth());
            count(tenant, "call " + played.truth().kind());
            deliver(new SyntheticScript(tenant, played.truth().kind() + " " + played.truth().callSid()), played.moves());
        }

        void message(SyntheticTenant tenant) {
            Instant at = moment(tenant);
            String number = tenant.lines().get(random.nextInt(tenant.lines().size())).phone();
            int roll = random.nextInt(100);
            MessageScripts.Played played;
            if (roll < 40) {
                played = messages.received(tenant, number, party("+1212"), at, false);
            } else if (roll < 44) {
                played = messages.received(tenant, number, party("+1212"), at, true);
            } else {
                played = messages.sent(tenant, number, party("+1917"), at, pick(List.of(MessageScripts.Kind.SENT,
                        MessageScripts.Kind.DELIVERED, MessageScripts.Kind.UNDELIVERED, MessageScripts.Kind.FAILED,
                        MessageScripts.Kind.FAILED_WITHOUT_CODE, MessageScripts.Kind.SENDING,
                        MessageScripts.Kind.UNREPORTED), 14, 56, 10, 8, 4, 5, 3));
            }
            messageTruth.add(played.truth());
            if (played.optOut() != null) {
                optOuts.add(played.optOut());
            }
            count(tenant, "message " + played.truth().kind());
            deliver(new SyntheticScript(tenant, played.truth().kind()), played.moves());
        }

        /**
         * The script's requests as they arrive: the first as it is; the rest, for a share of the
         * scripts, in another order (each keeps its moment, another request arrives then); and
         * some of them twice.
         */
        void deliver(SyntheticScript script, List<Move> moves) {
            Move first = moves.getFirst();
            Hit opening = new Hit(first.at(), script, first.step(), random.nextInt(100) < FIRST_TWICE, true);
            hits.add(opening);
            // An inbound message delivered again later: Twilio's retry of a webhook it saw fail.
            if (first.step() instanceof Post post && post.path().startsWith("/twilio/messaging/")
                    && random.nextInt(100) < TWICE_LATER) {
                hits.add(new Hit(later(first.at()), script, new Again(opening), false, false));
            }
            List<Move> rest = moves.subList(1, moves.size());
            List<Instant> moments = rest.stream().map(Move::at).sorted().toList();
            List<Move> order = random.nextInt(100) < SHUFFLED ? shuffled(rest) : rest;
            for (int i = 0; i < order.size(); i++) {
                // A sent message is counted when Twilio first reports it: whichever status comes first.
                boolean timed = i == 0 && order.get(i).step() instanceof SyntheticScript.MessageStatus;
                Hit hit = new Hit(moments.get(i), script, order.get(i).step(), random.nextInt(100) < TWICE_AT_ONCE, timed);
                hits.add(hit);
                if (random.nextInt(100) < TWICE_LATER) {
                    hits.add(new Hit(later(moments.get(i)), script, new Again(hit), false, false));
                }
            }
        }

        /** Another order, in which each action still follows the one before it. */
        List<Move> shuffled(List<Move> moves) {
            List<Move> order = new ArrayList<>(moves);
            Collections.shuffle(order, random);
            Iterator<Move> chain = moves.stream().filter(Move::chained).iterator();
            for (int i = 0; i < order.size(); i++) {
                if (order.get(i).chained()) {
                    order.set(i, chain.next());
                }
            }
            return order;
        }

        Instant later(Instant at) {
            return at.plusMillis(1_000 + random.nextInt(30_000));
        }

        /** A moment of the history on the tenant's clock: three in four in the day's busy hours. */
        Instant moment(SyntheticTenant tenant) {
            long span = days.last().toEpochDay() - days.first().toEpochDay() + 1;
            LocalDate day = days.first().plusDays(random.nextLong(span));
            int second = random.nextInt(100) < 75 ? 7 * 3600 + random.nextInt(13 * 3600) : random.nextInt(24 * 3600);
            // A time the clock skips (the spring-forward gap) moves on by the gap, as the clock does.
            Instant at = ZonedDateTime.of(day, LocalTime.ofSecondOfDay(second), tenant.zone()).toInstant();
            return at.plusMillis(random.nextInt(1000));
        }

        /** A party never seen before in the history (never one the simulator treats specially). */
        String party(String prefix) {
            String number;
            do {
                parties++;
                number = prefix + String.format("%07d", 2_000_000 + parties);
            } while (number.endsWith("0008") || number.endsWith("0009"));
            return number;
        }

        int pick(int... weights) {
            int total = java.util.Arrays.stream(weights).sum();
            int roll = random.nextInt(total);
            for (int i = 0; i < weights.length; i++) {
                roll -= weights[i];
                if (roll < 0) {
                    return i;
                }
            }
            throw new IllegalStateException();
        }

        <T> T pick(List<T> options, int... weights) {
            return options.get(pick(weights));
        }

        void count(SyntheticTenant tenant, String kind) {
            kinds.merge(tenant.zone().getId() + " " + kind, 1, Integer::sum);
        }
    }
}
