package dev.switchboard.shared.flows;

import dev.switchboard.shared.flows.CallSimulator.Answer;
import dev.switchboard.shared.flows.CallSimulator.Caller;
import dev.switchboard.shared.flows.CallSimulator.ScheduleState;

import java.util.List;
import java.util.Random;

/** Callers for {@link CallSimulator}: ones who press anything, and ones who hold on as long as they can. */
final class Callers {
    /** Said to a menu, picks nothing: no flow of {@link RandomFlows} listens for it. */
    static final Answer MUMBLE = new Answer(null, "mumble mumble");

    private Callers() {
    }

    /** Keys and words at random: options, back, repeat, the operator, nonsense, nothing. */
    static Caller random(Random random) {
        return new Caller() {
            @Override
            public Answer answer(Menu menu, int given) {
                return anything(menu, random);
            }

            @Override
            public ScheduleState schedule(Hours hours) {
                return ScheduleState.values()[random.nextInt(4)];
            }

            @Override
            public boolean answers(Ring ring) {
                return random.nextInt(4) == 0;
            }
        };
    }

    /**
     * A caller who hears each prompt as often as a visit allows (every repeat, every invalid
     * entry, every no input but the last), then answers at random; no one ever picks up.
     */
    static Caller stubborn(Random random) {
        return new Caller() {
            @Override
            public Answer answer(Menu menu, int given) {
                int repeats = menu.repeatKey() == null ? 0 : FlowLimits.REPEATS_PER_VISIT;
                if (given < repeats) {
                    return new Answer(menu.repeatKey(), null);
                }
                if (given < repeats + menu.invalidRetries()) {
                    return MUMBLE;
                }
                if (given < repeats + menu.invalidRetries() + menu.noInputRetries()) {
                    return Answer.NOTHING;
                }
                return anything(menu, random);
            }

            @Override
            public ScheduleState schedule(Hours hours) {
                return ScheduleState.values()[random.nextInt(4)];
            }

            @Override
            public boolean answers(Ring ring) {
                return false;
            }
        };
    }

    private static Answer anything(Menu menu, Random random) {
        List<MenuOption> options = menu.options();
        MenuOption option = options.get(random.nextInt(options.size()));
        return switch (random.nextInt(10)) {
            case 0 -> Answer.NOTHING;
            case 1 -> new Answer(" ", "");
            case 2 -> MUMBLE;
            case 3 -> new Answer(String.valueOf(random.nextInt(10)), null);
            case 4 -> new Answer(menu.repeatKey() == null ? "9" : menu.repeatKey(), null);
            case 5 -> new Answer("*", null);
            case 6 -> new Answer("0", "sales");
            case 7 -> new Answer(null, "I want " + (option.keywords().isEmpty() ? option.label()
                    : option.keywords().getFirst()) + " please");
            default -> new Answer(option.digits() == null ? null : option.digits() + "#", option.label());
        };
    }
}
