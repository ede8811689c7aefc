package dev.switchboard.api.numbers;


import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import dev.switchboard.shared.api.ApiError;
import dev.switchboard.shared.api.ApiRequest;
import dev.switchboard.shared.api.ApiResponse;
import dev.switchboard.shared.api.ApiRoutes;
import dev.switchboard.shared.api.CursorSeal;
import dev.switchboard.shared.api.PageSize;
import dev.switchboard.shared.api.Idempotency;
import dev.switchboard.shared.api.JsonObject;
import dev.switchboard.shared.tenancy.TenantAccess;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.tenancy.PhoneNumber;
import dev.switchboard.shared.tenancy.MessagingSettings;
import dev.switchboard.shared.tenancy.Routing;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.tenancy.Tenant;
import dev.switchboard.shared.twilio.rest.NumberWebhooks;
import dev.switchboard.shared.twilio.rest.TwilioAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tenant's phone numbers. Importing one points its webhooks at Switchboard in the Twilio
 * account that owns it and stores its routing; releasing one gives it back to Twilio.
 */
public final class NumbersApi {
    private static final Log LOG = Log.of(NumbersApi.class);

    private final Tenants tenants;
    private final Numbers numbers;
    private final Agents agents;
    private final TwilioAccess twilio;
    private final TenantAccess access;
    private final CursorSeal cursors;
    private final Idempotency idempotency;
    private final FlowRouting flows;

    /**
     * Flow routing held to the flows' rules: a library flow that exists, or a number's own flow that
     * could be saved as one; refused with an {@link ApiError} naming the field.
     */
    public interface FlowRouting {
        void require(String tenantId, Routing routing);
    }

    public NumbersApi(Tenants tenants, Numbers numbers, Agents agents,
                      TwilioAccess twilio, CursorSeal cursors, Idempotency idempotency, FlowRouting flows) {
        this.flows = flows;
        this.idempotency = idempotency;
        this.tenants = tenants;
        this.cursors = cursors;
        this.numbers = numbers;
        this.agents = agents;
        this.twilio = twilio;
        this.access = new TenantAccess(tenants);
    }

    public ApiRoutes routes() {
        return new ApiRoutes()
                .on("GET /v1/tenants/{tenantId}/twilio/incoming-numbers", this::incoming)
                .on("GET /v1/tenants/{tenantId}/twilio/available-numbers", this::available)
                .on("POST /v1/tenants/{tenantId}/numbers/purchase", this::purchase)
                .on("POST /v1/tenants/{tenantId}/numbers", this::importNumber)
                .on("GET /v1/tenants/{tenantId}/numbers", this::list)
                .on("GET /v1/tenants/{tenantId}/numbers/{phoneNumber}", this::get)
                .on("PATCH /v1/tenants/{tenantId}/numbers/{phoneNumber}", this::update)
                .on("DELETE /v1/tenants/{tenantId}/numbers/{phoneNumber}", this::release);
    }

    ApiResponse incoming(ApiRequest request) {
        String tenantId = access.tenant(request);
        var connected = connected(tenantId, mainAccount(tenantId));
        List<TwilioNumbers.Incoming> items = new ArrayList<>();
        TwilioAccess.call(() -> {
            for (IncomingPhoneNumber n : IncomingPhoneNumber.reader(connected.account().accountSid())
                    .read(connected.client())) {
                items.add(new TwilioNumbers.Incoming(n.getSid(), String.valueOf(n.getPhoneNumber()),
                        n.getFriendlyName(), n.getVoiceUrl() == null ? null : n.getVoiceUrl().toString(),
                        numbers.get(String.valueOf(n.getPhoneNumber())).filter(p -> p.tenantId().equals(tenantId))
                                .isPresent()));
            }
            return null;
        });
        return ApiResponse.ok(new TwilioNumbers.Items<>(items));
    }

    ApiResponse available(ApiRequest request) {
        String tenantId = access.tenant(request);
        String country = request.query("country").orElse("US");
        if (!country.matches("[A-Z]{2}")) {
            throw ApiError.badField("country", "country must be an ISO 3166 code like US or GB");
        }
        Integer areaCode = request.query("areaCode").map(v -> {
            if (!v.matches("[0-9]{2,5}")) {
                throw ApiError.badField("areaCode", "areaCode must be digits, e.g. 415");
            }
            return Integer.valueOf(v);
        }).orElse(null);
        int limit = PageSize.of(request);
        var connected = connected(tenantId, mainAccount(tenantId));
        List<TwilioNumbers.Available> items = new ArrayList<>();
        TwilioAccess.call(() -> {
            var reader = Local.reader(connected.account().accountSid(), country).setPageSize((long) limit);
            if (areaCode != null) {
                reader.setAreaCode(areaCode);
            }
            for (Local n : reader.firstPage(connected.client()).getRecords()) {
                items.add(new TwilioNumbers.Available(String.valueOf(n.getPhoneNumber()),
                        n.getFriendlyName() == null ? null : n.getFriendlyName().toString(), n.getLocality(),
                        n.getRegion(), n.getIsoCountry()));
            }
            return null;
        });
        return ApiResponse.ok(new TwilioNumbers.Items<>(items));
    }

    /** A retry with the same Idempotency-Key gets the first purchase's answer; nothing is bought twice. */
    ApiResponse purchase(ApiRequest request) {
        String tenantId = access.tenant(request);
        return idempotency.run(tenantId, request, () -> preparePurchase(tenantId, request));
    }

    /** Checks the request; the returned action buys. A request refused here wrote nothing. */
    private Idempotency.Action preparePurchase(String tenantId, ApiRequest request) {
        JsonObject body = request.json().only(Set.of("phoneNumber", "agentId", "routing", "messaging"));
        PhoneNumber number = number(body, tenantId, mainAccount(tenantId));
        var connected = connected(tenantId, number.accountSid());
        withinLimit(tenantId);
        String base = request.baseUrl();
        return () -> buy(tenantId, number, connected, base);
    }

    private ApiResponse buy(String tenantId, PhoneNumber number, TwilioAccess.Connected connected, String base) {
        String phoneNumber = number.phoneNumber();
        String accountSid = number.accountSid();
        // Claimed before it is bought: two purchases of one number cannot both buy it, and a number
        // bought at Twilio is never left unrecorded. If Twilio refuses, the claim is taken back.
        if (!numbers.add(number)) {
            throw ApiError.conflict("Number " + phoneNumber + " is already in use");
        }
        try {
            // Configured in the same request that buys it: it answers through Switchboard from its first call.
            TwilioAccess.call(() -> IncomingPhoneNumber.creator(accountSid, new com.twilio.type.PhoneNumber(phoneNumber))
                    .setVoiceUrl(base + NumberWebhooks.VOICE_PATH).setVoiceMethod(HttpMethod.POST)
                    .setStatusCallback(base + NumberWebhooks.STATUS_PATH).setStatusCallbackMethod(HttpMethod.POST)
                    .setSmsUrl(base + NumberWebhooks.SMS_PATH).setSmsMethod(HttpMethod.POST)
                    .create(connected.client()));
        } catch (RuntimeException e) {
            numbers.withdraw(number);
            throw e;
        }
        LOG.info("number purchased", "tenantId", tenantId, "phoneNumber", phoneNumber, "accountSid", accountSid);
        return ApiResponse.created(NumberView.of(number));
    }

    ApiResponse importNumber(ApiRequest request) {
        String tenantId = access.tenant(request);
        JsonObject body = request.json().only(Set.of("phoneNumber", "accountSid", "agentId", "routing", "messaging"));
        PhoneNumber number = number(body, tenantId, body.string("accountSid").orElseGet(() -> mainAccount(tenantId)));
        String phoneNumber = number.phoneNumber();
        String accountSid = number.accountSid();
        var existing = numbers.get(phoneNumber);
        if (existing.isPresent() && !existing.get().tenantId().equals(tenantId)) {
            throw ApiError.conflict("Number " + phoneNumber + " is in use by another tenant");
        }
        if (existing.isEmpty()) {
            withinLimit(tenantId);
        }
        var connected = connected(tenantId, accountSid);
        var atTwilio = TwilioAccess.call(() -> NumberWebhooks.find(connected.client(), accountSid, phoneNumber))
                .orElseThrow(() -> ApiError.unprocessable("phoneNumber",
                        "Twilio account " + accountSid + " has no number " + phoneNumber));
        TwilioAccess.call(() -> NumberWebhooks.configure(connected.client(), accountSid, atTwilio.getSid(),
                request.baseUrl()));
        if (!numbers.claim(number)) {
            throw ApiError.conflict("Number " + phoneNumber + " is in use by another tenant");
        }
        LOG.info("number imported", "tenantId", tenantId, "phoneNumber", phoneNumber, "accountSid", accountSid);
        return ApiResponse.created(NumberView.of(number));
    }

    ApiResponse list(ApiRequest request) {
        String tenantId = access.tenant(request);
        String scope = CursorSeal.scope("numbers", tenantId);
        return ApiResponse.ok(cursors.page(request, scope, (at, limit) -> numbers.list(tenantId, at, limit),
                NumberView::of));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(NumberView.of(find(request)));
    }

    ApiResponse update(ApiRequest request) {
        PhoneNumber number = find(request);
        JsonObject body = request.json().only(Set.of("agentId", "routing", "messaging"));
        String agentId = body.present("agentId") ? agent(number.tenantId(), body.id("agentId").orElse(null))
                : number.agentId();
        Routing routing = body.object("routing").map(NumberBodies::routing).orElse(number.routing());
        flows.require(number.tenantId(), routing);
        MessagingSettings messaging = body.object("messaging").map(NumberBodies::messaging).orElse(number.messaging());
        PhoneNumber updated = JsonObject.validated("routing", () -> new PhoneNumber(number.phoneNumber(),
                number.tenantId(), number.accountSid(), agentId, routing, messaging));
        if (!numbers.replace(number, updated)) {
            throw ApiError.conflict("Number " + number.phoneNumber()
                    + " was changed or released meanwhile: read it and try again");
        }
        return ApiResponse.ok(NumberView.of(updated));
    }

    ApiResponse release(ApiRequest request) {
        PhoneNumber number = find(request);
        var connected = connected(number.tenantId(), number.accountSid());
        TwilioAccess.call(() -> {
            var atTwilio = NumberWebhooks.find(connected.client(), number.accountSid(), number.phoneNumber());
            atTwilio.ifPresent(n -> IncomingPhoneNumber.deleter(number.accountSid(), n.getSid())
                    .delete(connected.client()));
            return null;
        });
        numbers.delete(number.tenantId(), number.phoneNumber());
        LOG.info("number released", "tenantId", number.tenantId(), "phoneNumber", number.phoneNumber());
        return ApiResponse.noContent();
    }

    /** The number a request body describes: phoneNumber, agentId and routing, all checked. */
    private PhoneNumber number(JsonObject body, String tenantId, String accountSid) {
        String phoneNumber = body.e164("phoneNumber")
                .orElseThrow(() -> ApiError.badField("phoneNumber", "phoneNumber is required"));
        String agentId = agent(tenantId, body.id("agentId").orElse(null));
        Routing routing = NumberBodies.routing(body.object("routing")
                .orElseThrow(() -> ApiError.badField("routing", "routing is required")));
        flows.require(tenantId, routing);
        MessagingSettings messaging = body.object("messaging").map(NumberBodies::messaging).orElse(MessagingSettings.NONE);
        return JsonObject.validated("routing", () -> new PhoneNumber(phoneNumber, tenantId, accountSid, agentId, routing,
                messaging));
    }

    /**
     * Each tenant has at most {@value #MAX_NUMBERS} numbers: the requests that go through all of
     * them (deleting an agent, checking the Twilio connection, picking a caller ID) stay bounded.
     * Two imports at once may both pass at the limit; the scans allow for that slack.
     */
    static final int MAX_NUMBERS = 1000;

    private void withinLimit(String tenantId) {
        if (numbers.count(tenantId, MAX_NUMBERS) >= MAX_NUMBERS) {
            throw ApiError.unprocessable("phoneNumber", "A tenant has at most " + MAX_NUMBERS
                    + " numbers: release one first");
        }
    }

    private PhoneNumber find(ApiRequest request) {
        String tenantId = access.tenant(request);
        String phoneNumber = request.path("phoneNumber");
        return numbers.get(phoneNumber).filter(n -> n.tenantId().equals(tenantId))
                .orElseThrow(() -> ApiError.notFound("Number " + phoneNumber));
    }

    private String mainAccount(String tenantId) {
        return tenants.get(tenantId).map(Tenant::accountSid).orElseThrow(() -> ApiError.conflict(
                "Tenant " + tenantId + " has no Twilio account yet: PUT /v1/tenants/" + tenantId + "/twilio first"));
    }

    private TwilioAccess.Connected connected(String tenantId, String accountSid) {
        return twilio.of(tenantId, accountSid).orElseThrow(() -> ApiError.unprocessable("accountSid",
                "Twilio account " + accountSid + " is not connected to this tenant"));
    }

    private String agent(String tenantId, String agentId) {
        if (agentId != null && agents.get(tenantId, agentId).isEmpty()) {
            throw ApiError.unprocessable("agentId", "No agent " + agentId + " in this tenant");
        }
        return agentId;
    }
}
