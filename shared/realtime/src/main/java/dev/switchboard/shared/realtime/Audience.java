package dev.switchboard.shared.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whom a connection speaks for, fixed by its ticket: the whole tenant, or one agent. An agent sees
 * the calls and voicemails that name it, and the tenant's messages and opt-outs (a team shares its
 * numbers' conversations); not other agents' calls, and not the tenant's administration
 * ({@code endpoint.*}).
 */
public sealed interface Audience {

    boolean sees(JsonNode event);

    /** How the connections table keeps it: "" for the tenant, else the agent's id. */
    String agentId();

    static Audience of(String agentId) {
        return agentId == null || agentId.isEmpty() ? new Tenant() : new Agent(agentId);
    }

    record Tenant() implements Audience {
        public boolean sees(JsonNode event) {
            return true;
        }

        public String agentId() {
            return "";
        }
    }

    record Agent(String agentId) implements Audience {
        public boolean sees(JsonNode event) {
            String type = event.path("type").asText();
            if (type.startsWith("message.") || type.startsWith("contact.")) {
                return true;
            }
            return agentId.equals(event.path("payload").path("agentId").asText());
        }
    }
}
