package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A batch of DynamoDB Streams records as Lambda hands it to a function: a DynamodbEvent. */
final class StreamEvents {
    private StreamEvents() {
    }

    static DynamodbEvent of(String streamArn, List<Record> batch) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Record r : batch) {
            var stream = new StreamRecord()
                    .withKeys(lambda(r.dynamodb().keys()))
                    .withSequenceNumber(r.dynamodb().sequenceNumber())
                    .withSizeBytes(r.dynamodb().sizeBytes())
                    .withStreamViewType(r.dynamodb().streamViewTypeAsString() == null ? null
                            : com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(
                                    r.dynamodb().streamViewTypeAsString()));
            if (r.dynamodb().hasNewImage()) {
                stream.setNewImage(lambda(r.dynamodb().newImage()));
            }
            // As DynamoDB Local gives it: rounded down to the minute, where Lambda's records have the
            // second. So locally the events publisher rarely finds a commit late (EventOutbox.settle);
            // the writer's own check is what holds the settle window here.
            if (r.dynamodb().approximateCreationDateTime() != null) {
                stream.setApproximateCreationDateTime(Date.from(r.dynamodb().approximateCreationDateTime()));
            }
            var record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventVersion(r.eventVersion());
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion(Emulators.REGION);
            record.setEventSourceARN(streamArn);
            record.setDynamodb(stream);
            records.add(record);
        }
        var event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambda(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted =
                new LinkedHashMap<>();
        item.forEach((k, v) -> converted.put(k, lambda(v)));
        return converted;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda(AttributeValue v) {
        var value = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            value.setS(v.s());
        } else if (v.n() != null) {
            value.setN(v.n());
        } else if (v.bool() != null) {
            value.setBOOL(v.bool());
        } else if (v.hasM()) {
            value.setM(lambda(v.m()));
        } else if (v.hasL()) {
            value.setL(v.l().stream().map(StreamEvents::lambda).toList());
        } else if (v.hasSs()) {
            value.setSS(v.ss());
        } else if (v.hasNs()) {
            value.setNS(v.ns());
        } else {
            value.setNULL(true);
        }
        return value;
    }
}
