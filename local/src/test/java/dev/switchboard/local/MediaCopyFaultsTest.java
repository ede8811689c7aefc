package dev.switchboard.local;

import dev.switchboard.local.http.LoopbackServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.Calls;
import dev.switchboard.shared.recordings.Recordings;
import dev.switchboard.shared.calls.Outcome;
import dev.switchboard.local.twilio.TwilioSimulator;
import dev.switchboard.media.CopyFault;
import dev.switchboard.media.CopyLimits;
import dev.switchboard.media.MediaJobs;
import dev.switchboard.media.MediaWorkerHandler;
import dev.switchboard.media.RecordingCopies;
import dev.switchboard.media.TwilioMedia;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.twilio.CallStatus;
import dev.switchboard.shared.recordings.Recording;
import dev.switchboard.shared.twilio.RecordingStatus;
import dev.switchboard.shared.events.DomainEvent;
import dev.switchboard.shared.events.EventPayload;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.messaging.Message;
import dev.switchboard.shared.messaging.MessageIds;
import dev.switchboard.shared.queue.QueueMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media worker's own classes, with DynamoDB Local and S3 of the local stack, against a Twilio
 * that misbehaves over HTTP (a JDK HttpServer standing in for it): an empty answer, a body short
 * of its Content-Length, too few or too many bytes for the recording, an endless body, a trickle,
 * a redirect to another port of its host, a URL that is not one. A copy counts only verified;
 * anything else leaves nothing in S3, deletes nothing at Twilio, is retried until the queue's
 * last receive and is then reported to the tenant, once, and the message is done with. A worker
 * that read without bounds would hang here: each test fails after a minute instead.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MediaCopyFaultsTest {
    /**
     * What the stand-in may count as sent beyond what the worker read: loopback sockets' buffers on
     * both ends (several MiB each, grown as the kernel sees fit) hold it until the worker hangs up.
     * An unbounded read would run to hundreds of MiB (the worker once stored 156 MB).
     */
    private static final long IN_FLIGHT = 24L * 1024 * 1024;

    private static final String NUMBER = "+16315550177";
    private static StandIn twilio;
    private static MediaJobs worker;
    private static S3Client s3;
    private static String tenant;
    private static String apiKey;
    private static String accountSid;
    private static String token;

    @BeforeAll
    static void aTenantWhoseRecordingsAreDeletedAtTwilioOnceCopied() throws Exception {
        TestStack.get();
        tenant = "faults-" + Long.toHexString(System.nanoTime());
        apiKey = Api.newTenant(tenant);
        accountSid = TwilioSimulator.sid("AC");
        token = TwilioSimulator.sid("").substring(0, 32);
        // Connecting checks the credentials with the stack's Twilio; the copies go to the stand-in.
        TestStack.twilio().addAccount(accountSid, token);
        Map<String, String> at = Map.of("tenantId", tenant);
        assertEquals(200, Api.call("PUT", "/v1/tenants/{tenantId}/twilio", at, apiKey,
                Map.of("accountSid", accountSid, "authToken", token)).status());
        assertEquals(200, Api.call("PATCH", "/v1/tenants/{tenantId}", at, apiKey,
                Map.of("recordings", Map.of("format", "mp3", "deleteAtTwilio", true))).status());
        twilio = new StandIn(accountSid, token);
        worker = MediaWorkerHandler.jobs(TestStack.repositories().platform(), new TwilioMedia(twilio.base()));
        s3 = LocalStack.s3(TestStack.get().emulators());
    }

    @AfterAll
    static void stop() {
        twilio.close();
        s3.close();
    }

    // --- Recordings ------------------------------------------------------------------------------

    @Test
    void anEmptyAnswerForAFiveMinuteRecordingIsNotStoredAndTwiliosCopyIsKept() throws Exception {
        Case c = recording(300, StandIn.bytes(new byte[0]));
        JsonNode event = failsUntilTheLastReceiveThenIsReportedOnce(c, CopyFault.Reason.EMPTY);
        assertEquals(RecordingCopies.ATTEMPTS, event.path("payload").path("attempts").asInt());
        assertTrue(event.path("payload").path("detail").asText().contains("no bytes"), event.toString());
        // What the tenant sees in the call's detail.
        var detail = Api.call("GET", "/v1/tenants/{tenantId}/calls/{callSid}",
                Map.of("tenantId", tenant, "callSid", c.callSid()), apiKey, null);
        assertEquals(200, detail.status(), detail.body());
        JsonNode shown = detail.json().path("recordings").get(0);
        assertFalse(shown.path("stored").asBoolean(), shown.toString());
        assertTrue(shown.path("playbackUrl").isNull(), shown.toString());
        assertEquals("failed", shown.path("copyStatus").asText(), shown.toString());
        assertEquals("empty", shown.path("copyError").path("reason").asText(), shown.toString());
    }

    @Test
    void aBodyEndingShortOfItsContentLengthIsNotStored() throws Exception {
        // A transfer that breaks: half the bytes announced, then the connection closed. (The JDK's
        // HttpServer keeps a connection open instead, so this Twilio answers on a bare socket.)
        List<String> asked = new CopyOnWriteArrayList<>();
        try (ServerSocket broken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!broken.isClosed()) {
                    try (Socket socket = broken.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        asked.add(in.readLine());
                        for (String header = in.readLine(); header != null && !header.isEmpty(); ) {
                            header = in.readLine();
                        }
                        OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: 1200000\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.write(new byte[600_000]);
                        out.flush();
                    } catch (IOException closed) {
                        // The test is over, or the worker hung up.
                    }
                }
            });
            URI base = URI.create("http://127.0.0.1:" + broken.getLocalPort());
            MediaJobs brokenWorker = MediaWorkerHandler.jobs(TestStack.repositories().platform(), new TwilioMedia(base));
            Case c = recording(300, base);
            var fault = assertThrows(CopyFault.class, () -> brokenWorker.handle(job(c, 1)));
            assertEquals(CopyFault.Reason.WRONG_LENGTH, fault.reason(), fault.getMessage());
            assertEquals(Recording.Copy.PENDING, recordingOf(c).copy());
            brokenWorker.handle(job(c, RecordingCopies.ATTEMPTS));
            Recording r = recordingOf(c);
            assertEquals(Recording.Copy.FAILED, r.copy());
            assertEquals("wrong_length", r.copyError());
            // How much arrives before a broken connection is the network's to say (a reset drops what
            // was in flight): at most the half that was sent, never the 1,200,000 announced.
            var detail = java.util.regex.Pattern.compile("ended after ([\\d,]+) of the 1,200,000 bytes it announced")
                    .matcher(r.copyErrorDetail());
            assertTrue(detail.find(), r.copyErrorDetail());
            assertTrue(Long.parseLong(detail.group(1).replace(",", "")) <= 600_000, r.copyErrorDetail());
            assertNothingStoredAndNothingDeletedAtTwilio(c);
            assertTrue(asked.stream().allMatch(line -> line.startsWith("GET ")), "nothing deleted: " + asked);
        }
    }

    @Test
    void tooFewBytesForTheRecordingsLengthAreNotStored() throws Exception {
        // No Content-Length to check against: the recording's duration says 1,000 bytes cannot be it.
        Case c = recording(300, StandIn.chunked(new byte[1_000]));
        failsUntilTheLastReceiveThenIsReportedOnce(c, CopyFault.Reason.TOO_SMALL);
    }

    @Test
    void aContentLengthTooLargeForTheRecordingIsRefusedBeforeAnyByteIsCopied() throws Exception {
        AtomicLong sent = new AtomicLong();
        Case c = recording(5, exchange -> {
            exchange.sendResponseHeaders(200, 50_000_000);
            StandIn.pour(exchange, sent, 0);
        });
        failsUntilTheLastReceiveThenIsReportedOnce(c, CopyFault.Reason.TOO_LARGE);
    }

    @Test
    void anEndlessBodyIsCutAtTheMostTheRecordingMayHave() throws Exception {
        AtomicLong sent = new AtomicLong();
        Case c = recording(5, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            StandIn.pour(exchange, sent, 0);
        });
        // Cut at once, not read for long (nor for ever, were the bound gone).
        var fault = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(CopyFault.class, () -> worker.handle(job(c, 1))));
        assertEquals(CopyFault.Reason.TOO_LARGE, fault.reason(), fault.getMessage());
        long most = CopyLimits.recording("mp3", 5, 1).maxBytes();
        assertTrue(sent.get() < most + IN_FLIGHT, "read no further than the limit and what was in flight: "
                + sent.get());
        assertNothingStoredAndNothingDeletedAtTwilio(c);
        failsUntilTheLastReceiveThenIsReportedOnce(c, CopyFault.Reason.TOO_LARGE);
    }

    @Test
    void aTrickleIsCutAtItsDeadlineAndDoesNotHoldTheWorker() throws Exception {
        AtomicLong sent = new AtomicLong();
        Case c = recording(5, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            StandIn.pour(exchange, sent, 100);
        });
        Duration bound = CopyLimits.recording("mp3", 5, 1).timeToRead();
        assertTrue(bound.compareTo(CopyLimits.LONGEST) <= 0);
        // The queue's last receive: the worker gives up and reports, rather than leave it to a retry.
        assertTimeoutPreemptively(bound.plusSeconds(5), () -> worker.handle(job(c, RecordingCopies.ATTEMPTS)),
                "the worker is held no longer than the bound, " + bound);
        assertTrue(sent.get() > 0, "the body was arriving, slowly");
        Recording r = recordingOf(c);
        assertEquals(Recording.Copy.FAILED, r.copy());
        assertEquals("too_slow", r.copyError());
        assertNothingStoredAndNothingDeletedAtTwilio(c);
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_COPY_FAILED, c.callSid()).size());
    }

    @Test
    void aRedirectToAnotherPortOfTwiliosHostIsNotFollowedAndIsReportedAtOnce() throws Exception {
        // Another server on Twilio's host (the local S3, say), answering what would pass for the recording.
        StandIn elsewhere = new StandIn(accountSid, token);
        try {
            byte[] mp3 = mp3(5);
            elsewhere.answer(".mp3", StandIn.bytes(mp3));
            Case c = recording(5, exchange -> {
                exchange.getResponseHeaders().set("Location", elsewhere.base() + exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            // Not retried: Twilio's media never comes from there, whatever a retry would say.
            worker.handle(job(c, 1));
            assertEquals(0, elsewhere.requests.size(), "no request to another port");
            Recording r = recordingOf(c);
            assertEquals(Recording.Copy.FAILED, r.copy());
            assertEquals("url_refused", r.copyError());
            assertNothingStoredAndNothingDeletedAtTwilio(c);
            var events = EventsQueue.forCall(DomainEvent.RECORDING_COPY_FAILED, c.callSid());
            assertEquals(1, events.size());
            assertEquals(1, events.getFirst().path("payload").path("attempts").asInt());
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void aRecordingUrlThatIsNotAUrlIsReportedOnceAndNeverReachesTheDeadLetterQueue() throws Exception {
        // As a signed callback stored it: through the real path (outbox, stream, MediaQueue, the stack's worker).
        String callSid = call();
        String recordingSid = "RE" + callSid.substring(2);
        assertEquals(Outcome.APPLIED, TestStack.repositories().recordings().changed(
                new Recordings.Update(callSid, tenant, accountSid, recordingSid, RecordingStatus.COMPLETED,
                        "RecordVerb", 5, 1, "not a url at all", null), logEntry(callSid, recordingSid),
                DomainEvent.of(tenant, "recording|" + recordingSid, Instant.now(),
                        new EventPayload.RecordingCompleted(callSid, recordingSid, accountSid, 5, 1, "RecordVerb"))));
        TestStack.get().eventSources().drain();
        TestStack.get().eventSources().drain();
        Recording r = TestStack.repositories().recordings().ofCall(tenant, callSid).getFirst();
        assertEquals(Recording.Copy.FAILED, r.copy());
        assertEquals("url_refused", r.copyError());
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_COPY_FAILED, callSid).size());
        var sqs = TestStack.repositories().sqs();
        String dlq = sqs.getQueueUrl(b -> b.queueName("MediaDeadLetterQueue")).queueUrl();
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)).messages()
                .stream().noneMatch(m -> m.body().contains(recordingSid)), "nothing for the operator's alarm");
    }

    @Test
    void aVerifiedCopyIsStoredAndOnlyThenDeletedAtTwilio() throws Exception {
        byte[] mp3 = mp3(5);
        Case c = recording(5, StandIn.bytes(mp3));
        worker.handle(job(c, 1));
        Recording r = recordingOf(c);
        assertTrue(r.stored(), r.toString());
        assertEquals(mp3.length, r.storedBytes());
        assertArrayEquals(mp3, s3.getObjectAsBytes(b -> b.bucket(bucket()).key(r.storedKey())).asByteArray());
        assertEquals(1, EventsQueue.forCall(DomainEvent.RECORDING_STORED, c.callSid()).size());
        var asked = twilio.requests.stream().filter(q -> q.path().contains(c.recordingSid())).toList();
        assertEquals(List.of("GET", "DELETE"), asked.stream().map(StandIn.Request::method).toList(),
                "fetched, then deleted at Twilio as the tenant asked");
        assertTrue(asked.stream().allMatch(StandIn.Request::authorized));
    }

    @Test
    void theWorkerKnowsWhichReceiveIsTheQueuesLast() {
        JsonNode queue = Template.bundled().queues().get("MediaQueue");
        assertEquals(RecordingCopies.ATTEMPTS, queue.path("RedrivePolicy").path("maxReceiveCount").asInt(),
                "the receive on which a failed copy is reported is MediaQueue's last");
    }

    // --- Message media ---------------------------------------------------------------------------

    @Test
    void anEndlessMmsItemIsCutAtTheMessagesFiveMebibytesAndNothingOfTheMessageStays() throws Exception {
        AtomicLong sent = new AtomicLong();
        Message m = mms(List.of(StandIn.bytes("a photo".getBytes(StandardCharsets.UTF_8)), exchange -> {
            exchange.sendResponseHeaders(200, 0);
            StandIn.pour(exchange, sent, 0);
        }));
        var fault = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(CopyFault.class, () -> worker.handle(mediaJob(m, 1))));
        assertEquals(CopyFault.Reason.TOO_LARGE, fault.reason(), fault.getMessage());
        assertTrue(sent.get() < CopyLimits.MESSAGE_MEDIA_BYTES + IN_FLIGHT, "read no further than the limit and what "
                + "was in flight: " + sent.get());
        assertNoMediaStored(m);
        worker.handle(mediaJob(m, RecordingCopies.ATTEMPTS));
        worker.handle(mediaJob(m, RecordingCopies.ATTEMPTS));
        assertNoMediaStored(m);
        var reported = mediaCopyFailed(m);
        assertEquals(1, reported.size(), "reported once");
        assertEquals("too_large", reported.getFirst().path("payload").path("reason").asText());
    }

    @Test
    void aSlowMmsItemIsCutAtItsDeadline() throws Exception {
        AtomicLong sent = new AtomicLong();
        Message m = mms(List.of(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            StandIn.pour(exchange, sent, 100);
        }));
        Duration bound = CopyLimits.messageMedia().timeToRead();
        assertTimeoutPreemptively(bound.plusSeconds(5), () -> worker.handle(mediaJob(m, RecordingCopies.ATTEMPTS)),
                "the worker is held no longer than the bound, " + bound);
        assertNoMediaStored(m);
        assertEquals("too_slow", mediaCopyFailed(m).getFirst().path("payload").path("reason").asText());
    }

    @Test
    void anEmptyMmsItemIsNotStored() throws Exception {
        Message m = mms(List.of(StandIn.bytes(new byte[0])));
        var fault = assertThrows(CopyFault.class, () -> worker.handle(mediaJob(m, 1)));
        assertEquals(CopyFault.Reason.EMPTY, fault.reason());
        assertNoMediaStored(m);
    }

    // --- Fixtures---------------------------------------------------------------------------------

    private record Case(String callSid, String recordingSid) {
    }

    private static String call() {
        String callSid = Demo.newCallSid();
        assertEquals(Outcome.APPLIED, TestStack.repositories().calls().answered(new Calls.Answered(callSid,
                tenant, accountSid, CallDirection.INBOUND, Demo.CALLER, NUMBER, null, "voicemail", CallStatus.COMPLETED)));
        return callSid;
    }

    private static CallEvent logEntry(String callSid, String recordingSid) {
        return new CallEvent(callSid, tenant, "recording", null, Instant.now(),
                Map.of("RecordingSid", recordingSid, "RecordingStatus", "completed"));
    }

    /** A completed recording of {@code seconds} whose media the stand-in answers so. */
    private static Case recording(int seconds, HttpHandler media) {
        Case c = recording(seconds, twilio.base());
        twilio.answer("/Recordings/" + c.recordingSid() + ".mp3", media);
        return c;
    }

    /** A completed recording of {@code seconds} at this Twilio. */
    private static Case recording(int seconds, URI twilioBase) {
        String callSid = call();
        String recordingSid = "RE" + callSid.substring(2);
        String url = twilioBase + "/2010-04-01/Accounts/" + accountSid + "/Recordings/" + recordingSid;
        // Recorded as its callback would record it; the job is handed to the worker by the test.
        assertEquals(Outcome.APPLIED, TestStack.repositories().recordings().changed(
                new Recordings.Update(callSid, tenant, accountSid, recordingSid, RecordingStatus.COMPLETED,
                        "RecordVerb", seconds, 1, url, null), logEntry(callSid, recordingSid), null));
        return new Case(callSid, recordingSid);
    }

    /** The recording.completed message as MediaQueue delivers it, on its receiveCount-th receive. */
    private static QueueMessage job(Case c, int receiveCount) {
        String body = Json.write(Map.of("id", "evt_" + c.recordingSid(), "type", DomainEvent.RECORDING_COMPLETED,
                "tenantId", tenant, "payload", Map.of("callSid", c.callSid(), "recordingSid", c.recordingSid(),
                        "accountSid", accountSid)));
        return new QueueMessage("m-" + c.recordingSid(), body, receiveCount,
                Map.of("type", DomainEvent.RECORDING_COMPLETED));
    }

    private static Recording recordingOf(Case c) {
        return TestStack.repositories().recordings().ofCall(tenant, c.callSid()).getFirst();
    }

    private static String bucket() {
        return TestStack.repositories().settings().mediaBucket();
    }

    private static JsonNode failsUntilTheLastReceiveThenIsReportedOnce(Case c, CopyFault.Reason reason)
            throws Exception {
        for (int receive = 1; receive < RecordingCopies.ATTEMPTS; receive += RecordingCopies.ATTEMPTS - 2) {
            int count = receive;
            // Thrown: the queue brings the message back for another try.
            var fault = assertThrows(CopyFault.class, () -> worker.handle(job(c, count)));
            assertEquals(reason, fault.reason(), fault.getMessage());
            assertEquals(Recording.Copy.PENDING, recordingOf(c).copy());
            assertNothingStoredAndNothingDeletedAtTwilio(c);
        }
        // The last receive: not thrown (so not to the dead-letter queue), reported; a second delivery reports nothing.
        worker.handle(job(c, RecordingCopies.ATTEMPTS));
        worker.handle(job(c, RecordingCopies.ATTEMPTS));
        Recording r = recordingOf(c);
        assertEquals(Recording.Copy.FAILED, r.copy(), r.toString());
        assertEquals(reason.code(), r.copyError());
        assertFalse(r.stored());
        assertNothingStoredAndNothingDeletedAtTwilio(c);
        assertEquals(0, EventsQueue.forCall(DomainEvent.RECORDING_STORED, c.callSid()).size());
        var events = EventsQueue.forCall(DomainEvent.RECORDING_COPY_FAILED, c.callSid());
        assertEquals(1, events.size(), "reported once: " + events);
        assertEquals(reason.code(), events.getFirst().path("payload").path("reason").asText());
        return events.getFirst();
    }

    private static void assertNothingStoredAndNothingDeletedAtTwilio(Case c) {
        assertNull(recordingOf(c).storedKey());
        String key = "tenants/" + tenant + "/calls/" + c.callSid() + "/recordings/" + c.recordingSid() + ".mp3";
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket()).key(key)));
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket()).prefix(key)).uploads().isEmpty(),
                "no upload left half-done");
        assertTrue(twilio.requests.stream().noneMatch(q -> q.method().equals("DELETE")
                && q.path().contains(c.recordingSid())), "Twilio's copy, the only one, is kept");
    }

    /** An inbound MMS whose items the stand-in answers so, kept as the inbound webhook keeps one. */
    private static Message mms(List<HttpHandler> items) {
        String messageSid = "MM" + Demo.newCallSid().substring(2);
        List<Message.MediaItem> media = IntStream.range(0, items.size()).mapToObj(i -> {
            String path = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + messageSid + "/Media/ME"
                    + messageSid.substring(2, 33) + i;
            twilio.answer(path, items.get(i));
            return Message.MediaItem.atTwilio(i, twilio.base() + path, "image/jpeg");
        }).toList();
        String party = "+14155550177";
        Message m = Message.inbound(MessageIds.newId(), tenant, accountSid, MessageIds.conversationId(tenant, NUMBER,
                party), messageSid, NUMBER, party, "photos", media, Instant.now());
        assertEquals(dev.switchboard.shared.messaging.Outcome.APPLIED,
                TestStack.repositories().messages().received(m, Optional.empty(), List.of()));
        return m;
    }

    private static QueueMessage mediaJob(Message m, int receiveCount) {
        String body = Json.write(Map.of("id", "evt_" + m.id(), "type", DomainEvent.MESSAGE_RECEIVED, "tenantId", tenant,
                "payload", Map.of("messageId", m.id(), "numMedia", m.media().size())));
        return new QueueMessage("m-" + m.id(), body, receiveCount, Map.of("type", DomainEvent.MESSAGE_RECEIVED));
    }

    private static void assertNoMediaStored(Message m) {
        assertNull(TestStack.repositories().messages().get(tenant, m.id()).orElseThrow().mediaStoredAt());
        String prefix = "tenants/" + tenant + "/messages/" + m.messageSid() + "/";
        assertTrue(s3.listObjectsV2(b -> b.bucket(bucket()).prefix(prefix)).contents().isEmpty(),
                "no item of the message stays in S3");
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket()).prefix(prefix)).uploads().isEmpty());
    }

    private static List<JsonNode> mediaCopyFailed(Message m) {
        return EventsQueue.all().stream()
                .filter(e -> e.path("type").asText().equals(DomainEvent.MESSAGE_MEDIA_COPY_FAILED))
                .filter(e -> e.path("payload").path("messageId").asText().equals(m.id())).toList();
    }

    /** MP3 as Twilio serves it, 4,000 bytes a second: 288-byte MPEG-2.5 Layer III frames. */
    private static byte[] mp3(int seconds) {
        int frames = (int) Math.ceil(seconds * 8000.0 / 576);
        byte[] out = new byte[frames * 288];
        for (int f = 0; f < frames; f++) {
            out[f * 288] = (byte) 0xFF;
            out[f * 288 + 1] = (byte) 0xE3;
            out[f * 288 + 2] = (byte) 0x48;
            out[f * 288 + 3] = (byte) 0xC4;
        }
        return out;
    }

    /** Twilio on a bad day: answers each path as the test says, and keeps what it was asked. */
    static final class StandIn implements AutoCloseable {
        record Request(String method, String path, boolean authorized) {
        }

        final List<Request> requests = new CopyOnWriteArrayList<>();
        private final Map<String, HttpHandler> answers = new ConcurrentHashMap<>();
        private final HttpServer server;
        private final String basic;

        StandIn(String accountSid, String token) throws IOException {
            basic = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + token)
                    .getBytes(StandardCharsets.UTF_8));
            server = LoopbackServer.create(0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        /** Requests whose path ends with {@code suffix} are answered by {@code handler}. */
        void answer(String suffix, HttpHandler handler) {
            answers.put(suffix, handler);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path,
                    basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))));
            if (exchange.getRequestMethod().equals("DELETE")) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            var handler = answers.entrySet().stream().filter(a -> path.endsWith(a.getKey())).findFirst();
            if (handler.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            handler.get().getValue().handle(exchange);
            exchange.close();
        }

        static HttpHandler bytes(byte[] body) {
            return exchange -> {
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            };
        }

        /** Without a Content-Length. */
        static HttpHandler chunked(byte[] body) {
            return exchange -> {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(body);
            };
        }

        /**
         * Sends bytes until the reader goes away, counting them: as fast as it can, or
         * {@code trickle} bytes at a time, four times a second (the pace of a sick server).
         */
        static void pour(HttpExchange exchange, AtomicLong sent, int trickle) {
            byte[] chunk = new byte[trickle > 0 ? trickle : 64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                    out.flush();
                    sent.addAndGet(chunk.length);
                    if (trickle > 0) {
                        Thread.sleep(250);
                    }
                }
            } catch (IOException | InterruptedException gone) {
                // The worker stopped reading.
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
