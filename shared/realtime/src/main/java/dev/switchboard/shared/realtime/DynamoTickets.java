package dev.switchboard.shared.realtime;

import dev.switchboard.shared.store.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets by their hash. Redeeming deletes the item on condition it has not expired, in one call:
 * two connections racing with one ticket cannot both get it (TTL removes the unredeemed later).
 */
public record DynamoTickets(DynamoDbClient dynamo, String table) implements Tickets {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "rt_";

    @Override
    public String issue(TicketGrant grant, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        dynamo.putItem(b -> b.tableName(table).item(Item.create()
                .put("ticketHash", hash(ticket))
                .put("tenantId", grant.tenantId())
                .put("agentId", grant.audience().agentId())
                .put("expiresAt", now.plus(LIFETIME).getEpochSecond())
                .put("expiresAtMillis", now.plus(LIFETIME).toEpochMilli())
                .build()));
        return ticket;
    }

    @Override
    public Optional<TicketGrant> redeem(String ticket, Instant now) {
        if (ticket == null || !ticket.startsWith(PREFIX) || ticket.length() > 100) {
            return Optional.empty();
        }
        try {
            var old = dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("ticketHash", AttributeValue.fromS(hash(ticket))))
                    .conditionExpression("expiresAtMillis > :now")
                    .expressionAttributeValues(Map.of(":now", Item.n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return Optional.of(new TicketGrant(Item.string(old, "tenantId"), Audience.of(Item.string(old, "agentId"))));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
