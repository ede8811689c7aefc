package dev.switchboard.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.switchboard.shared.tenancy.Agent;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.Routing;
import dev.switchboard.shared.tenancy.RoutingMode;
import dev.switchboard.shared.tenancy.Tenant;
import dev.switchboard.shared.tenancy.TwilioAccount;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The local stack's seed file: tenants with their Twilio account (and subaccounts), agents and
 * numbers. Checked whole before anything is written, with the same rules as the stores, so a
 * bad seed names its fault and leaves nothing half-loaded. The format is in the README.
 */
public record Seed(List<SeedTenant> tenants) {

    /**
     * @param schedules business-hours schedules, each as the API takes it with its {@code id}
     * @param flows     call flows, each as the API takes it with its {@code id}
     */
    public record SeedTenant(String id, String name, SeedTwilio twilio, List<SeedAgent> agents,
                             List<SeedNumber> numbers, List<com.fasterxml.jackson.databind.node.ObjectNode> schedules,
                             List<com.fasterxml.jackson.databind.node.ObjectNode> flows) {
    }

    /** @param twimlAppSid the TwiML App browser calls go through, if the account has one */
    public record SeedTwilio(String accountSid, String authToken, String twimlAppSid, List<SeedAccount> subaccounts) {
        @Override
        public String toString() {
            return "SeedTwilio[accountSid=" + accountSid + "]";
        }
    }

    public record SeedAccount(String accountSid, String authToken) {
        @Override
        public String toString() {
            return "SeedAccount[accountSid=" + accountSid + "]";
        }
    }

    public record SeedAgent(String id, String name, String phone, String clientIdentity) {
    }

    /** @param accountSid the account that owns the number; the tenant's main account if absent */
    public record SeedNumber(String phoneNumber, String accountSid, String agentId, SeedRouting routing) {
    }

    public record SeedRouting(String mode, String forwardTo, Boolean record, Integer timeoutSeconds,
                              String greeting, String streamUrl, Boolean voicemail, String voicemailGreeting,
                              String flowId, com.fasterxml.jackson.databind.node.ObjectNode flow) {
    }

    /** A flow or schedule of a tenant's library, checked as the API checks it. */
    record LibraryEntry(String tenantId, dev.switchboard.shared.flows.library.LibraryItem.Kind kind, String id,
                        com.fasterxml.jackson.databind.JsonNode body) {
    }

    /** The seed, checked and turned into what the stores hold. */
    record Contents(List<Tenant> tenants, Map<String, String> authTokens, Map<String, String> accountTenants,
                    Map<String, String> twimlApps, List<Agent> agents, List<PhoneNumber> numbers,
                    List<LibraryEntry> library) {
        @Override
        public String toString() {
            return "Seed.Contents[" + tenants.size() + " tenants]";
        }
    }

    /** A seed that cannot be loaded, with a message that says where and why. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public static Seed read(InputStream json, String source) {
        // Syntax first, then shape: each kind of mistake gets its own kind of message.
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            if (e.getOriginalMessage().startsWith("Unexpected end-of-input")) {
                throw new Invalid(source + ": not valid JSON: it ends early");
            }
            throw new Invalid(source + ": not valid JSON at line " + (at == null ? "?" : at.getLineNr())
                    + ", column " + (at == null ? "?" : at.getColumnNr()));
        } catch (IOException e) {
            throw new Invalid(source + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            Seed seed = tree == null ? null : MAPPER.treeToValue(tree, Seed.class);
            if (seed == null || seed.tenants() == null) {
                throw new Invalid(source + ": expected {\"tenants\": [...]}");
            }
            return seed;
        } catch (UnrecognizedPropertyException e) {
            throw new Invalid(source + ": unknown field '" + e.getPropertyName() + "' at " + path(e));
        } catch (JsonMappingException e) {
            throw new Invalid(source + ": wrong type of value at " + path(e));
        } catch (JsonProcessingException e) {
            throw new Invalid(source + ": " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    Contents check() {
        List<Tenant> tenantList = new ArrayList<>();
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        Map<String, String> accountTenants = new java.util.LinkedHashMap<>();
        Map<String, String> twimlApps = new java.util.LinkedHashMap<>();
        List<Agent> agentList = new ArrayList<>();
        List<PhoneNumber> numberList = new ArrayList<>();
        Set<String> tenantIds = new HashSet<>();
        Set<String> identities = new HashSet<>();
        Set<String> phoneNumbers = new HashSet<>();
        List<LibraryEntry> library = new ArrayList<>();
        for (int t = 0; t < tenants.size(); t++) {
            String at = "tenants[" + t + "]";
            SeedTenant st = tenants.get(t);
            Tenant tenant = guard(at, () -> new Tenant(st.id(), st.name() == null ? st.id() : st.name(),
                    st.twilio() == null ? null : st.twilio().accountSid()));
            if (!tenantIds.add(tenant.id())) {
                throw new Invalid(at + ".id: tenant '" + tenant.id() + "' appears twice");
            }
            tenantList.add(tenant);
            if (st.twilio() == null || st.twilio().accountSid() == null || st.twilio().authToken() == null
                    || st.twilio().authToken().isBlank()) {
                throw new Invalid(at + ".twilio: accountSid and authToken are required");
            }
            if (st.twilio().twimlAppSid() != null) {
                if (!st.twilio().twimlAppSid().matches("AP[0-9a-fA-F]{32}")) {
                    throw new Invalid(at + ".twilio.twimlAppSid must be AP followed by 32 hex digits");
                }
                twimlApps.put(st.twilio().accountSid(), st.twilio().twimlAppSid());
            }
            List<SeedAccount> accounts = new ArrayList<>();
            accounts.add(new SeedAccount(st.twilio().accountSid(), st.twilio().authToken()));
            if (st.twilio().subaccounts() != null) {
                accounts.addAll(st.twilio().subaccounts());
            }
            for (int a = 0; a < accounts.size(); a++) {
                SeedAccount account = accounts.get(a);
                String where = a == 0 ? at + ".twilio" : at + ".twilio.subaccounts[" + (a - 1) + "]";
                guard(where, () -> new TwilioAccount(account.accountSid(), tenant.id(), "-"));
                if (account.authToken() == null || account.authToken().isBlank()) {
                    throw new Invalid(where + ".authToken is required");
                }
                if (tokens.putIfAbsent(account.accountSid(), account.authToken()) != null) {
                    throw new Invalid(where + ".accountSid: account " + account.accountSid() + " appears twice");
                }
                accountTenants.put(account.accountSid(), tenant.id());
            }
            Set<String> agentIds = new HashSet<>();
            List<SeedAgent> agents = st.agents() == null ? List.of() : st.agents();
            for (int g = 0; g < agents.size(); g++) {
                SeedAgent sa = agents.get(g);
                Agent agent = guard(at + ".agents[" + g + "]",
                        () -> new Agent(tenant.id(), sa.id(), sa.name(), sa.phone(), sa.clientIdentity()));
                if (!agentIds.add(agent.id()) || !identities.add(agent.clientIdentity())) {
                    throw new Invalid(at + ".agents[" + g + "]: agent id or client identity appears twice");
                }
                agentList.add(agent);
            }
            Set<String> flowIds = SeedLibrary.check(at, tenant.id(), st.schedules(), st.flows(), agentIds, library);
            List<SeedNumber> numbers = st.numbers() == null ? List.of() : st.numbers();
            for (int n = 0; n < numbers.size(); n++) {
                String where = at + ".numbers[" + n + "]";
                SeedNumber sn = numbers.get(n);
                String accountSid = sn.accountSid() == null ? st.twilio().accountSid() : sn.accountSid();
                if (!tenant.id().equals(accountTenants.get(accountSid))) {
                    throw new Invalid(where + ".accountSid: " + accountSid + " is not one of this tenant's accounts");
                }
                if (sn.agentId() != null && !agentIds.contains(sn.agentId())) {
                    throw new Invalid(where + ".agentId: no agent '" + sn.agentId() + "' in this tenant");
                }
                if (sn.routing() == null) {
                    throw new Invalid(where + ".routing is required");
                }
                SeedRouting r = sn.routing();
                PhoneNumber number = guard(where, () -> new PhoneNumber(sn.phoneNumber(), tenant.id(), accountSid,
                        sn.agentId(), new Routing(RoutingMode.fromWire(r.mode()), r.forwardTo(),
                        Boolean.TRUE.equals(r.record()), r.timeoutSeconds() == null ? 0 : r.timeoutSeconds(),
                        r.greeting(), r.streamUrl(), Boolean.TRUE.equals(r.voicemail()), r.voicemailGreeting(),
                        r.flowId(), r.flow() == null ? null : dev.switchboard.shared.json.Json.write(r.flow()))));
                if (r.flow() != null) {
                    SeedLibrary.checkOwn(where + ".routing.flow", r.flow(), agentIds, library, tenant.id());
                }
                if (r.flowId() != null && !flowIds.contains(r.flowId())) {
                    throw new Invalid(where + ".routing.flowId: no flow '" + r.flowId() + "' in this tenant's flows");
                }
                if (!phoneNumbers.add(number.phoneNumber())) {
                    throw new Invalid(where + ".phoneNumber: " + number.phoneNumber() + " appears twice");
                }
                numberList.add(number);
            }
        }
        return new Contents(tenantList, tokens, accountTenants, twimlApps, agentList, numberList, library);
    }

    /** Writes a checked seed through the platform's stores. */
    static void load(Contents contents, Repositories platform) {
        contents.tenants().forEach(platform.tenants()::put);
        contents.authTokens().forEach((accountSid, token) -> platform.accounts().put(new TwilioAccount(accountSid,
                contents.accountTenants().get(accountSid),
                platform.sealer().seal(token, TwilioAccount.sealingContext(accountSid)),
                contents.twimlApps().get(accountSid), null, null)));
        contents.agents().forEach(platform.agents()::put);
        contents.numbers().forEach(platform.numbers()::put);
        var now = platform.clock().instant();
        contents.library().forEach(entry -> platform.flowLibrary().create(entry.tenantId(), entry.kind(), entry.id(),
                entry.body(), now));
    }

    private static <T> T guard(String where, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + ": " + e.getMessage());
        }
    }
}
