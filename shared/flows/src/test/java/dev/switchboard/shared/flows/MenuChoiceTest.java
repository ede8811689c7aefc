package dev.switchboard.shared.flows;

import dev.switchboard.shared.flows.MenuChoice.Back;
import dev.switchboard.shared.flows.MenuChoice.Invalid;
import dev.switchboard.shared.flows.MenuChoice.NoInput;
import dev.switchboard.shared.flows.MenuChoice.Operator;
import dev.switchboard.shared.flows.MenuChoice.Repeat;
import dev.switchboard.shared.flows.MenuChoice.Selected;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MenuChoiceTest {
    private static final MenuOption SALES = new MenuOption("1", List.of("sales"), "Sales", "sales");
    private static final MenuOption SUPPORT = new MenuOption("2", List.of("support", "customer-service"),
            "Technical support", "support");
    private static final MenuOption BILLING = new MenuOption(null, List.of("billing", "invoice"), "Accounts", "billing");
    private static final Menu MAIN = Menu.of("main", "For sales press 1.", List.of(SALES, SUPPORT, BILLING), "reception");

    @Test
    void keysPickTheOptionThatTakesThem() {
        assertEquals(new Selected(SALES), MenuChoice.choose(MAIN, true, "1", null));
        assertEquals(new Selected(SUPPORT), MenuChoice.choose(MAIN, true, " 2# ", null));
        assertEquals(new Invalid("7"), MenuChoice.choose(MAIN, true, "7", null));
        assertEquals(new Invalid("12"), MenuChoice.choose(MAIN, true, "12", null));
    }

    @Test
    void keysComeBeforeWords() {
        assertEquals(new Selected(SALES), MenuChoice.choose(MAIN, true, "1", "support please"));
        assertEquals(new Invalid("5"), MenuChoice.choose(MAIN, true, "5", "sales"));
    }

    @Test
    void starGoesBackWhenTheMenuGoesBack() {
        assertEquals(new Back(), MenuChoice.choose(MAIN, true, "*", null));
        assertEquals(new Invalid("*"), MenuChoice.choose(withKeys(MAIN, "9", false, true), true, "*", null));
    }

    @Test
    void zeroIsTheOperatorOnlyWhenTheMenuAndTheFlowHaveOne() {
        assertEquals(new Operator(), MenuChoice.choose(MAIN, true, "0", null));
        assertEquals(new Invalid("0"), MenuChoice.choose(MAIN, false, "0", null));
        assertEquals(new Invalid("0"), MenuChoice.choose(withKeys(MAIN, "9", true, false), true, "0", null));

        MenuOption zero = new MenuOption("0", List.of(), "Directory", "directory");
        Menu directory = withKeys(Menu.of("m", "p", List.of(zero), "x"), "9", true, false);
        assertEquals(new Selected(zero), MenuChoice.choose(directory, true, "0", null));
    }

    @Test
    void theRepeatKeyRepeatsAndCanBeMovedOrTurnedOff() {
        assertEquals(new Repeat(), MenuChoice.choose(MAIN, true, "9", null));
        assertEquals(new Repeat(), MenuChoice.choose(withKeys(MAIN, "7", true, true), true, "7", null));
        assertEquals(new Invalid("9"), MenuChoice.choose(withKeys(MAIN, "7", true, true), true, "9", null));
        assertEquals(new Invalid("9"), MenuChoice.choose(withKeys(MAIN, null, true, true), true, "9", null));
    }

    @Test
    void wordsPickTheOptionWhoseKeywordOrLabelWasSaidAsWholeWords() {
        assertEquals(new Selected(SALES), MenuChoice.choose(MAIN, true, null, "Sales, please."));
        assertEquals(new Selected(SALES), MenuChoice.choose(MAIN, true, "", "I'd like SALES"));
        assertEquals(new Selected(SUPPORT), MenuChoice.choose(MAIN, true, null, "technical support"));
        assertEquals(new Selected(SUPPORT), MenuChoice.choose(MAIN, true, null, "customer service"));
        assertEquals(new Selected(BILLING), MenuChoice.choose(MAIN, true, "#", "a question on my invoice"));
        assertEquals(new Selected(BILLING), MenuChoice.choose(MAIN, true, null, "accounts"));
    }

    @Test
    void partOfAWordIsNoWordAndTwoOptionsAtOnceIsNoChoice() {
        assertEquals(new Invalid("salesman"), MenuChoice.choose(MAIN, true, null, "salesman"));
        assertEquals(new Invalid("technical"), MenuChoice.choose(MAIN, true, null, "technical"));
        assertEquals(new Invalid("sales or support"), MenuChoice.choose(MAIN, true, null, " sales or support "));
    }

    @Test
    void nothingEnteredIsNoInput() {
        assertEquals(new NoInput(), MenuChoice.choose(MAIN, true, null, null));
        assertEquals(new NoInput(), MenuChoice.choose(MAIN, true, " ", "  "));
        assertEquals(new NoInput(), MenuChoice.choose(MAIN, true, "#", ""));
    }

    @Test
    void hintsAreTheLabelsAndKeywordsOnceEach() {
        MenuOption again = new MenuOption("3", List.of("Sales", "orders, returns", "x".repeat(101)), "Orders", "o");
        Menu menu = Menu.of("m", "p", List.of(SALES, again), "x");

        assertEquals("Sales, Orders, orders  returns", MenuChoice.hints(menu));
        assertEquals("Sales, Technical support, support, customer-service, Accounts, billing, invoice",
                MenuChoice.hints(MAIN));
    }

    @Test
    void oneDigitWhenEveryKeyIsOneKey() {
        assertEquals(1, MenuChoice.numDigits(MAIN));
        assertEquals(1, MenuChoice.numDigits(withKeys(MAIN, null, false, false)));
        Menu twoDigits = Menu.of("m", "p", List.of(SALES, new MenuOption("23", List.of(), "Other", "o")), "x");
        assertNull(MenuChoice.numDigits(twoDigits));
    }

    private static Menu withKeys(Menu menu, String repeatKey, boolean back, boolean operator) {
        return new Menu(menu.id(), menu.prompt(), menu.options(), menu.noInput(), menu.invalid(), menu.timeoutSeconds(),
                menu.noInputRetries(), menu.invalidRetries(), repeatKey, back, operator, menu.maxVisits());
    }
}
