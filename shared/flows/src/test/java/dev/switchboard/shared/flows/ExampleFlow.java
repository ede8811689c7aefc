package dev.switchboard.shared.flows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.json.Json;

/** The main line of a small office, as the API documents it. */
final class ExampleFlow {
    static final String JSON = """
            {"name": "Main line", "start": "hours", "operator": "reception",
             "nodes": {
               "hours": {"type": "hours", "schedule": "office", "open": "main", "closed": "after-hours", "holiday": "holiday", "emergency": "after-hours"},
               "main": {"type": "menu", "prompt": "For sales press 1 or say sales. For support press 2 or say support.",
                        "options": [{"digits": "1", "keywords": ["sales"], "label": "Sales", "next": "sales"},
                                    {"digits": "2", "keywords": ["support", "help"], "label": "Support", "next": "support"}],
                        "noInput": "reception", "invalid": "reception", "timeoutSeconds": 5, "noInputRetries": 3, "invalidRetries": 3, "repeatKey": "9", "back": true, "operator": true, "maxVisits": 3},
               "sales": {"type": "ring", "agents": ["alice", "bob"], "strategy": "simultaneous", "timeoutSeconds": 20, "noAnswer": "sales-vm"},
               "support": {"type": "ring", "agents": ["bob", "alice"], "strategy": "in-order", "timeoutSeconds": 15, "noAnswer": "support-vm"},
               "reception": {"type": "ring", "phone": "+15005550181"},
               "sales-vm": {"type": "voicemail", "prompt": "Sales is busy. Leave a message.", "box": "sales", "agentId": "alice"},
               "support-vm": {"type": "voicemail", "box": "support"},
               "after-hours": {"type": "say", "text": "We are closed.", "next": "general-vm"},
               "general-vm": {"type": "voicemail"},
               "holiday": {"type": "say", "text": "Happy holidays. We are closed today."},
               "bot": {"type": "stream", "url": "wss://agent.example.com/media"},
               "bye": {"type": "hangup"}
             }}
            """;

    private ExampleFlow() {
    }

    static ObjectNode json() {
        return (ObjectNode) Json.parse(JSON);
    }

    static Flow flow() {
        return FlowJson.read(json(), "main-line");
    }

    /** The example with every node reachable: the stream and the hang-up are options of the menu. */
    static ObjectNode reachableJson() {
        ObjectNode json = json();
        ObjectNode main = (ObjectNode) json.path("nodes").path("main");
        main.withArray("options").addObject().put("digits", "3").put("label", "Assistant").put("next", "bot");
        main.withArray("options").addObject().put("digits", "4").put("label", "Goodbye").put("next", "bye");
        return json;
    }

    static Flow reachable() {
        return FlowJson.read(reachableJson(), "main-line");
    }
}
