package dev.switchboard.local;

import dev.switchboard.local.SyntheticScript.MessageStatus;
import dev.switchboard.local.SyntheticScript.Move;
import dev.switchboard.local.SyntheticScript.Post;
import dev.switchboard.local.SyntheticScript.Send;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The requests of one message of each kind — a text in, a STOP, one the app sends with the
 * status callbacks Twilio sends after it — with what really happened to it.
 */
final class MessageScripts {
    enum Kind { RECEIVED, STOP, SENT, DELIVERED, UNDELIVERED, FAILED, FAILED_WITHOUT_CODE, SENDING, UNREPORTED }

    /** The rank of each status (docs/metrics.md): a later callback never takes a message back. */
    private static final List<String> ORDER = List.of("queued", "sending", "sent", "delivered");

    /** @param optOut the opt-out it made, or null */
    record Played(SyntheticTruth.Message truth, SyntheticTruth.OptOut optOut, List<Move> moves) {
    }

    private final Random random;
    private final CallScripts values;

    MessageScripts(Random random, CallScripts values) {
        this.random = random;
        this.values = values;
    }

    /** A text (or a STOP) from a party to one of the tenant's numbers. */
    Played received(SyntheticTenant tenant, String number, String party, Instant at, boolean stop) {
        String sid = "SM" + values.hex(16);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", tenant.account());
        p.put("ApiVersion", "2010-04-01");
        p.put("MessageSid", sid);
        p.put("SmsMessageSid", sid);
        p.put("SmsSid", sid);
        p.put("SmsStatus", "received");
        p.put("From", party);
        p.put("To", number);
        p.put("Body", stop ? "STOP" : "Is the shop open on Saturday?");
        p.put("NumMedia", "0");
        p.put("NumSegments", "1");
        var truth = new SyntheticTruth.Message(tenant.id(), (stop ? Kind.STOP : Kind.RECEIVED).name(), "inbound",
                number, at, null, null);
        var optOut = stop ? new SyntheticTruth.OptOut(tenant.id(), number, at) : null;
        return new Played(truth, optOut, List.of(new Move(at, new Post("/twilio/messaging/inbound", p, false))));
    }

    /** The app sends a text from one of the tenant's numbers; Twilio reports on it as the kind says. */
    Played sent(SyntheticTenant tenant, String number, String party, Instant at, Kind kind) {
        List<Move> moves = new ArrayList<>();
        moves.add(new Move(at, new Send(Map.of("from", number, "to", party, "body", "Your order has shipped"))));
        List<String[]> statuses = switch (kind) {
            case SENT -> List.<String[]>of(new String[]{"sent", null});
            case DELIVERED -> random.nextBoolean()
                    ? List.of(new String[]{"sending", null}, new String[]{"sent", null}, new String[]{"delivered", null})
                    : List.of(new String[]{"sent", null}, new String[]{"delivered", null});
            case UNDELIVERED -> List.of(new String[]{"sending", null}, new String[]{"sent", null},
                    new String[]{"undelivered", List.of("30003", "30005", "30006").get(random.nextInt(3))});
            case FAILED -> List.of(new String[]{"sending", null}, new String[]{"failed", random.nextBoolean() ? "30008" : "30007"});
            case FAILED_WITHOUT_CODE -> List.<String[]>of(new String[]{"failed", null});
            case SENDING -> List.<String[]>of(new String[]{"sending", null});
            case UNREPORTED -> List.<String[]>of();
            default -> throw new IllegalArgumentException(kind + " is not a message the app sends");
        };
        Instant when = at;
        String furthest = null;
        String errorCode = null;
        for (String[] status : statuses) {
            when = when.plusMillis(300 + random.nextInt(status[0].equals("delivered") ? 40_000 : 4_000));
            Map<String, String> p = new LinkedHashMap<>();
            p.put("AccountSid", tenant.account());
            p.put("ApiVersion", "2010-04-01");
            p.put("MessageStatus", status[0]);
            p.put("SmsStatus", status[0]);
            p.put("From", number);
            p.put("To", party);
            if (status[1] != null) {
                p.put("ErrorCode", status[1]);
                errorCode = status[1];
            }
            moves.add(new Move(when, new MessageStatus(p)));
            if (furthest == null || rank(status[0]) >= rank(furthest)) {
                furthest = status[0];
            }
        }
        // Counted when Twilio first reports it; never reported, it is not counted at all.
        Instant first = moves.size() > 1 ? moves.get(1).at() : null;
        var truth = new SyntheticTruth.Message(tenant.id(), kind.name(), "outbound", number, first, furthest, errorCode);
        return new Played(truth, null, moves);
    }

    private static int rank(String status) {
        int at = ORDER.indexOf(status);
        return at >= 0 ? at : ORDER.size() - 1;
    }
}
