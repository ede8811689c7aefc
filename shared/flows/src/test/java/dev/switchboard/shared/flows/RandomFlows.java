package dev.switchboard.shared.flows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Random flows of 2 to 15 nodes, most of them ones the validator accepts: every node after the
 * first is named by an earlier one (so most are reachable), and exits mostly lead forward (so
 * most exit graphs have no loop), while options lead anywhere (loops through menus are common).
 * Some of each kind of mistake happen anyway, on purpose.
 *
 * <p>{@link #forEngine} makes richer flows for the run-time engine: ring groups of several agents
 * (in order or all at once, some agents with browsers, one no longer there), phones rung in
 * order, several schedules, chains of says. {@link #flow} is unchanged by them, seed for seed.
 */
public final class RandomFlows {
    static final List<String> WORDS = List.of("sales", "support", "billing", "orders", "hours", "directions",
            "careers", "press", "media", "returns", "parts", "service");
    /** The agents {@link #forEngine}'s ring groups name: all in {@link #ENGINE_CONTEXT}. */
    public static final List<String> AGENTS = List.of("alice", "bob", "carol", "dave", "erin", "gone");
    /** The schedules {@link #forEngine}'s hours nodes name: all in {@link #ENGINE_CONTEXT}. */
    public static final List<String> SCHEDULES = List.of("office", "support", "holidays", "storm");
    /** What {@link #forEngine}'s flows may name. */
    public static final FlowContext ENGINE_CONTEXT = new FlowContext(Set.copyOf(AGENTS), Set.copyOf(SCHEDULES));
    private static final List<String> TYPES = List.of("menu", "menu", "menu", "say", "say", "hours", "ring", "ring",
            "voicemail", "hangup", "stream");
    private static final List<String> ENGINE_TYPES = List.of("menu", "menu", "menu", "say", "say", "hours", "hours",
            "ring", "ring", "ring", "voicemail", "hangup", "stream");

    private final Random random;
    private final boolean engine;
    private final int size;
    private final List<String> types = new ArrayList<>();
    /** For each node, the later nodes it must name: how they are reached. */
    private final List<List<String>> named = new ArrayList<>();

    private RandomFlows(Random random, boolean engine) {
        this.random = random;
        this.engine = engine;
        this.size = 2 + random.nextInt(14);
    }

    static Flow flow(long seed) {
        return new RandomFlows(new Random(seed), false).build(seed);
    }

    /** A flow for the run-time engine, naming the agents and schedules of {@link #ENGINE_CONTEXT}. */
    public static Flow forEngine(long seed) {
        return new RandomFlows(new Random(seed), true).build(seed);
    }

    private Flow build(long seed) {
        for (int i = 0; i < size; i++) {
            named.add(new ArrayList<>());
            if (engine && i > 0 && types.get(i - 1).equals("say") && named.get(i - 1).isEmpty() && random.nextBoolean()) {
                // A chain of says: this one after the last.
                types.add("say");
                named.get(i - 1).add(id(i));
                continue;
            }
            types.add(i == 0 ? List.of("menu", "hours", "say").get(random.nextInt(3)) : pick(engine ? ENGINE_TYPES : TYPES));
            List<Integer> parents = new ArrayList<>();
            for (int p = 0; p < i; p++) {
                if (slots(p) > named.get(p).size()) {
                    parents.add(p);
                }
            }
            if (!parents.isEmpty()) {
                named.get(parents.get(random.nextInt(parents.size()))).add(id(i));
            }
        }
        SequencedMap<String, FlowNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            nodes.put(id(i), node(i));
        }
        String operator = random.nextBoolean() ? id(random.nextInt(size)) : null;
        return new Flow("f" + seed, "Flow " + seed, id(0), operator, nodes);
    }

    /** How many later nodes a node can name. */
    private int slots(int i) {
        return switch (types.get(i)) {
            case "menu" -> 6;
            case "hours" -> 4;
            case "say", "ring" -> 1;
            default -> 0;
        };
    }

    private FlowNode node(int i) {
        String id = id(i);
        List<String> must = new ArrayList<>(named.get(i));
        return switch (types.get(i)) {
            case "menu" -> menu(i, must);
            case "hours" -> new Hours(id, engine ? pick(SCHEDULES) : "office", next(i, must), next(i, must),
                    optional(i, must), optional(i, must));
            case "say" -> new Say(id, "Say " + i + ".", optional(i, must));
            case "ring" -> engine ? ring(i, must) : random.nextBoolean()
                    ? new Ring(id, List.of("alice"), null, RingStrategy.IN_ORDER, 20, optional(i, must), false)
                    : new Ring(id, List.of(), "+15005550100", RingStrategy.SIMULTANEOUS, 30, optional(i, must), true);
            case "voicemail" -> new VoicemailBox(id, random.nextBoolean() ? "Leave a message." : null,
                    random.nextBoolean() ? "bob" : null, null);
            case "stream" -> new Stream(id, "wss://agent.example.com/media");
            default -> new Hangup(id);
        };
    }

    /** A phone or one to four agents, rung in order or all at once. */
    private Ring ring(int i, List<String> must) {
        RingStrategy strategy = random.nextBoolean() ? RingStrategy.IN_ORDER : RingStrategy.SIMULTANEOUS;
        int timeout = 5 + random.nextInt(60);
        if (random.nextInt(3) == 0) {
            return new Ring(id(i), List.of(), "+1500555" + (1000 + random.nextInt(9000)), strategy, timeout,
                    optional(i, must), random.nextBoolean());
        }
        List<String> agents = new ArrayList<>(AGENTS);
        Collections.shuffle(agents, random);
        return new Ring(id(i), agents.subList(0, 1 + random.nextInt(4)), null, strategy, timeout, optional(i, must),
                random.nextBoolean());
    }

    private Menu menu(int i, List<String> must) {
        int count = Math.max(must.size(), 1 + random.nextInt(4));
        boolean twoKeys = random.nextInt(7) == 0;
        List<String> digits = new ArrayList<>(List.of("1", "2", "3", "4", "5", "6", "7"));
        Collections.shuffle(digits, random);
        List<String> words = new ArrayList<>(WORDS);
        Collections.shuffle(words, random);
        List<MenuOption> options = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            List<String> keywords = words.subList(2 * o, 2 * o + random.nextInt(3));
            boolean voiceOnly = !keywords.isEmpty() && random.nextInt(10) == 0;
            String keys = voiceOnly ? null : twoKeys ? digits.get(o) + (1 + random.nextInt(8)) : digits.get(o);
            String next = must.isEmpty() ? id(random.nextInt(size)) : must.removeFirst();
            options.add(new MenuOption(keys, keywords, "Choice " + (char) ('a' + o), next));
        }
        String repeat = List.of("9", "9", "9", "8", "").get(random.nextInt(5));
        return new Menu(id(i), "Menu " + i + ".", options, next(i, must), random.nextInt(3) == 0 ? null : next(i, must),
                1 + random.nextInt(30), random.nextInt(6), random.nextInt(6), repeat.isEmpty() ? null : repeat,
                random.nextInt(4) != 0, random.nextBoolean(), 1 + random.nextInt(5));
    }

    /** A node the next edge must name, else one mostly further on. */
    private String next(int i, List<String> must) {
        if (!must.isEmpty()) {
            return must.removeFirst();
        }
        return i + 1 < size && random.nextInt(100) < 88 ? id(i + 1 + random.nextInt(size - i - 1))
                : id(random.nextInt(size));
    }

    private String optional(int i, List<String> must) {
        return must.isEmpty() && random.nextInt(3) == 0 ? null : next(i, must);
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static String id(int i) {
        return "n" + i;
    }
}
