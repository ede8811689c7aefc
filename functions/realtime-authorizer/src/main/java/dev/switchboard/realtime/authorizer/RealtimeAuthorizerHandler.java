package dev.switchboard.realtime.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.switchboard.shared.Platform;
import dev.switchboard.shared.log.ColdStart;
import dev.switchboard.shared.log.Log;
import dev.switchboard.shared.log.LogScope;
import dev.switchboard.shared.realtime.RealtimeWiring;
import dev.switchboard.shared.realtime.TicketGrant;
import dev.switchboard.shared.realtime.Tickets;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WebSocket API's $connect authorizer (REQUEST, identity source: the {@code ticket} query
 * parameter). A ticket opens one connection: redeemed here, it allows it and hands its tenant and
 * agent to every later route of the connection as the authorizer's context. Anything else is
 * denied (API Gateway answers 403); the ticket itself is never logged.
 */
public final class RealtimeAuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {
    private static final Log LOG = Log.of(RealtimeAuthorizerHandler.class);

    private final Tickets tickets;
    private final Clock clock;
    private final ColdStart coldStart = new ColdStart();

    public RealtimeAuthorizerHandler() {
        this(Platform.fromEnvironment());
    }

    /**
     * The function over a given platform: what the no-argument constructor builds on, and how the
     * local stack builds it over a platform of its own (LambdaFunctions).
     */
    public RealtimeAuthorizerHandler(Platform p) {
        this(new RealtimeWiring(p).tickets(), p.clock());
    }

    public RealtimeAuthorizerHandler(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        try (LogScope ignored = LogScope.open(context, coldStart.first(context), null)) {
            Map<String, String> query = event == null ? null : event.getQueryStringParameters();
            String ticket = query == null ? null : query.get("ticket");
            Optional<TicketGrant> grant = tickets.redeem(ticket, clock.instant());
            String resource = event == null || event.getMethodArn() == null ? "*" : event.getMethodArn();
            if (grant.isEmpty()) {
                LOG.info("websocket refused: ticket unknown, used or expired");
                return policy("anonymous", "Deny", resource, null);
            }
            TicketGrant g = grant.get();
            LOG.info("websocket allowed", "tenantId", g.tenantId(), "agentId", g.audience().agentId());
            return policy(g.tenantId(), "Allow", resource,
                    Map.of("tenantId", g.tenantId(), "agentId", g.audience().agentId()));
        }
    }

    private static IamPolicyResponseV1 policy(String principal, String effect, String resource,
                                              Map<String, Object> context) {
        return IamPolicyResponseV1.builder()
                .withPrincipalId(principal)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponseV1.Statement.builder()
                                .withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
                                .withEffect(effect)
                                .withResource(List.of(resource))
                                .build()))
                        .build())
                .withContext(context)
                .build();
    }
}
