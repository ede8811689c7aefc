package dev.switchboard.local;

import dev.switchboard.shared.Platform;
import dev.switchboard.shared.apikeys.ApiKeys;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.crypto.SecretSealer;
import dev.switchboard.shared.events.EventOutbox;
import dev.switchboard.shared.events.EventsWiring;
import dev.switchboard.shared.messaging.Conversations;
import dev.switchboard.shared.messaging.Messages;
import dev.switchboard.shared.messaging.MessagingWiring;
import dev.switchboard.shared.messaging.OptOuts;
import dev.switchboard.shared.messaging.ScheduledMessages;
import dev.switchboard.shared.recordings.Recordings;
import dev.switchboard.shared.recordings.RecordingsWiring;
import dev.switchboard.shared.recordings.VoicemailInbox;
import dev.switchboard.shared.tenancy.Agents;
import dev.switchboard.shared.tenancy.Directory;
import dev.switchboard.shared.tenancy.Numbers;
import dev.switchboard.shared.tenancy.TenancyWiring;
import dev.switchboard.shared.tenancy.Tenants;
import dev.switchboard.shared.tenancy.TwilioAccounts;
import dev.switchboard.shared.voice.VoiceWiring;
import dev.switchboard.shared.twilio.rest.TwilioClients;
import dev.switchboard.shared.twilio.rest.TwilioRestWiring;
import dev.switchboard.shared.webhook.WebhookGuard;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * Every capability's repositories over one platform, wired as the functions wire theirs: how the
 * local stack seeds its tables, and how its tests and benchmarks arrange and read state. A
 * function never uses this; each composition root takes only the capabilities it is made of.
 */
public final class Repositories {
    private final Platform platform;
    private final TenancyWiring tenancy;
    private final MessagingWiring messaging;
    private final RecordingsWiring recordings;

    public Repositories(Platform platform) {
        this.platform = platform;
        this.tenancy = new TenancyWiring(platform);
        this.messaging = new MessagingWiring(platform);
        this.recordings = new RecordingsWiring(platform);
    }

    public static Repositories of(Settings settings) {
        return new Repositories(Platform.create(settings));
    }

    public Platform platform() {
        return platform;
    }

    public Settings settings() {
        return platform.settings();
    }

    public DynamoDbClient dynamo() {
        return platform.dynamo();
    }

    public SqsClient sqs() {
        return platform.sqs();
    }

    public Clock clock() {
        return platform.clock();
    }

    public SecretSealer sealer() {
        return platform.sealer();
    }

    public Tenants tenants() {
        return tenancy.tenants();
    }

    public TwilioAccounts accounts() {
        return tenancy.accounts();
    }

    public Agents agents() {
        return tenancy.agents();
    }

    public Numbers numbers() {
        return tenancy.numbers();
    }

    public ApiKeys apiKeys() {
        return tenancy.apiKeys();
    }

    public Directory directory() {
        return tenancy.directory();
    }

    public WebhookGuard webhookGuard() {
        return tenancy.webhookGuard();
    }

    public Calls calls() {
        return new VoiceWiring(platform).calls();
    }

    public Recordings recordings() {
        return recordings.recordings();
    }

    /** Tenants' flows and schedules. */
    public dev.switchboard.shared.flows.library.FlowLibrary flowLibrary() {
        return new dev.switchboard.shared.flows.wiring.FlowsWiring(platform).library();
    }

    /** Running flows on calls, as the voice webhooks do. */
    public dev.switchboard.shared.flows.wiring.FlowsWiring.Runner flows() {
        return new dev.switchboard.shared.flows.wiring.FlowsWiring(platform).runner(directory(), calls());
    }

    public VoicemailInbox voicemails() {
        return recordings.voicemails();
    }

    public Messages messages() {
        return messaging.messages();
    }

    public Conversations conversations() {
        return messaging.conversations();
    }

    public OptOuts optOuts() {
        return messaging.optOuts();
    }

    public ScheduledMessages scheduledMessages() {
        return messaging.scheduledMessages();
    }

    /** Clients that speak to the stack's Twilio as a given account. */
    public TwilioClients twilio() {
        return new TwilioRestWiring(platform).clients();
    }

    public EventOutbox outbox() {
        return new EventsWiring(platform).outbox();
    }
}
