package dev.switchboard.api.calls;

import dev.switchboard.shared.calls.CallDirection;
import dev.switchboard.shared.calls.Call;
import dev.switchboard.shared.calls.CallEvent;
import dev.switchboard.shared.recordings.Recording;
import dev.switchboard.shared.recordings.Voicemail;
import dev.switchboard.shared.media.MediaLinks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The calls API's answers (docs/openapi.yaml: Call, CallDetail, CallsPage), field for field. */
final class CallViews {
    private CallViews() {
    }

    /** A call as the list shows it. */
    record CallView(String callSid, String accountSid, String direction, String from, String to, String agentId,
                    String routing, String status, String createdAt, String answeredAt, String endedAt,
                    Integer durationSeconds, String dialStatus, String contactId) {
        static CallView of(Call call) {
            return new CallView(call.callSid(), call.accountSid(), CallDirection.wireOf(call.direction()), call.from(), call.to(),
                    call.agentId(), call.routing(), call.status() == null ? null : call.status().wire(),
                    text(call.createdAt()), text(call.answeredAt()), text(call.endedAt()), call.durationSeconds(),
                    call.dialStatus(), call.contactId());
        }
    }

    /** A call with its timeline of callbacks, its recordings and its voicemail. */
    record CallDetail(String callSid, String accountSid, String direction, String from, String to, String agentId,
                      String routing, String status, String createdAt, String answeredAt, String endedAt,
                      Integer durationSeconds, String dialStatus, String contactId, List<EventView> events,
                      List<RecordingView> recordings, VoicemailView voicemail, List<PathStepView> path) {
        static CallDetail of(Call call, List<EventView> events, List<RecordingView> recordings,
                             VoicemailView voicemail, List<PathStepView> path) {
            CallView v = CallView.of(call);
            return new CallDetail(v.callSid(), v.accountSid(), v.direction(), v.from(), v.to(), v.agentId(),
                    v.routing(), v.status(), v.createdAt(), v.answeredAt(), v.endedAt(), v.durationSeconds(),
                    v.dialStatus(), v.contactId(), events, recordings, voicemail, path);
        }
    }

    /** A step of the call's way through its flow: the node, its type, and how it was left. */
    record PathStepView(int step, String node, String type, String branch, String at) {
        static PathStepView of(dev.switchboard.shared.calls.Calls.FlowStep step) {
            return new PathStepView(step.step(), step.node(), step.type(), step.branch(), step.at().toString());
        }
    }

    /** One callback of the call's timeline, with every parameter Twilio sent. */
    record EventView(String kind, Long sequenceNumber, String receivedAt, Map<String, String> params) {
        static EventView of(CallEvent event) {
            return new EventView(event.kind(), event.sequenceNumber(), event.receivedAt().toString(), event.params());
        }
    }

    /**
     * A recording of the call: its state as Twilio last reported it, and its copy's: pending,
     * stored (with a playback link), failed (left at Twilio, with why) or deleted.
     */
    record RecordingView(String recordingSid, String status, String source, Integer durationSeconds, Integer channels,
                         String errorCode, Instant updatedAt, boolean stored, Long storedBytes, String playbackUrl,
                         String copyStatus, CopyError copyError, Instant deletedAt) {
        /** @param media asked only for a stored recording's link: the S3 presigner is built on first use */
        static RecordingView of(Recording r, Supplier<MediaLinks> media) {
            return new RecordingView(r.recordingSid(), r.status().wire(), r.source(), r.durationSeconds(),
                    r.channels(), r.errorCode(), r.updatedAt(), r.stored(), r.stored() ? r.storedBytes() : null,
                    r.stored() ? media.get().playback(r.storedKey()) : null, r.copy().wire(),
                    r.copy() == Recording.Copy.FAILED
                            ? new CopyError(r.copyError(), r.copyErrorDetail(), r.copyFailedAt()) : null,
                    r.deletedAt());
        }
    }

    /** Why the media worker gave up copying the recording (docs/events.md, recording.copy-failed). */
    record CopyError(String reason, String detail, Instant failedAt) {
    }

    /** The message the caller left, with its transcription once Twilio has made it. */
    record VoicemailView(String recordingSid, String status, String from, String to, String agentId,
                         Integer durationSeconds, Instant leftAt, String transcriptionStatus, String transcription) {
        static VoicemailView of(Voicemail v) {
            return new VoicemailView(v.recordingSid(), v.status().wire(), v.from(), v.to(), v.agentId(), v.durationSeconds(),
                    v.leftAt(), v.transcriptionStatus(), v.transcriptionText());
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
