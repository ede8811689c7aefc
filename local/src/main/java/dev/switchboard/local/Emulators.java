package dev.switchboard.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DynamoDB Local, ElasticMQ (SQS) and S3Proxy, in this JVM, in memory, on loopback ports. All
 * three speak the real AWS protocols, so the functions' own SDK clients talk to them unchanged.
 */
public final class Emulators implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    /** How long stopping waits for ElasticMQ's actors; they hold nothing worth waiting longer for. */
    private static final long SQS_STOP_SECONDS = 10;

    private final DynamoDBProxyServer dynamo;
    private final ActorSystem sqs;
    private final S3Proxy s3;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;

    private Emulators(DynamoDBProxyServer dynamo, URI dynamoEndpoint, ActorSystem sqs, URI sqsEndpoint, S3Proxy s3,
                      URI s3Endpoint) {
        this.dynamo = dynamo;
        this.dynamoEndpoint = dynamoEndpoint;
        this.sqs = sqs;
        this.sqsEndpoint = sqsEndpoint;
        this.s3 = s3;
        this.s3Endpoint = s3Endpoint;
    }

    public static Emulators start() {
        return start(0);
    }

    /**
     * @param portsFrom 0 for free ports; else DynamoDB on it, SQS on the next port, S3 on the one
     *                  after, so that tools can be pointed at them before the stack starts
     */
    public static Emulators start(int portsFrom) {
        DynamoDBProxyServer dynamo = null;
        ActorSystem sqs = null;
        // Which emulator is starting, on which port: a port in use is reported by name.
        String starting = "DynamoDB Local";
        int port = portsFrom > 0 ? portsFrom : freePort();
        try {
            // DynamoDB Local refuses port 0: take a free port and hand it over. One shared database
            // whatever the credentials, so the AWS CLI sees the stack's tables with any profile.
            int dynamoPort = port;
            dynamo = ServerRunner.createServerFromCommandLineArgs(new String[]{
                    "-inMemory", "-sharedDb", "-port", Integer.toString(dynamoPort), "-disableTelemetry"});
            dynamo.start();

            // A known port, so that the queue URLs ElasticMQ hands out name where it really is.
            starting = "ElasticMQ (SQS)";
            int sqsPort = port = portsFrom > 0 ? portsFrom + 1 : freePort();
            sqs = sqsActorSystem();
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(sqs).withInterface("127.0.0.1")
                    .withPort(sqsPort).withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
                    .withAWSRegion(REGION).withAWSAccountId(ACCOUNT_ID).start();
            server.waitUntilStarted();

            starting = "S3Proxy (S3)";
            int s3Port = port = portsFrom > 0 ? portsFrom + 2 : freePort();
            S3Proxy s3 = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                    // Any credentials, as for the other emulators: it is a laptop's in-memory store.
                    .awsAuthentication(AuthenticationType.NONE, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            s3.start();

            return new Emulators(dynamo, URI.create("http://127.0.0.1:" + dynamoPort), sqs,
                    URI.create("http://127.0.0.1:" + sqsPort), s3, URI.create("http://127.0.0.1:" + s3Port));
        } catch (Exception e) {
            stopQuietly(dynamo, sqs, null);
            if (PortInUse.isCause(e)) {
                throw new PortInUse(port, starting, portsFrom > 0
                        ? "pass another --aws-ports-from N (DynamoDB on N, SQS on N+1, S3 on N+2)"
                        : "start again (the port was free a moment before)");
            }
            throw new IllegalStateException("Could not start the AWS emulators: " + e.getMessage(), e);
        }
    }

    /**
     * ElasticMQ's actors in a system this class owns and stops. Pekko would otherwise stop it from
     * a JVM shutdown hook of its own, racing the stack's hook; and ElasticMQ's own stop first drains
     * its HTTP connections gracefully, which waits a full minute for any connection a client left
     * mid-request (or open after its response), so Ctrl-C took a minute now and then.
     */
    private static ActorSystem sqsActorSystem() {
        return ActorSystem.create("elasticmq", ConfigFactory
                .parseString("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
                .withFallback(ConfigFactory.load(Emulators.class.getClassLoader())),
                Emulators.class.getClassLoader());
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    @Override
    public void close() {
        stopQuietly(dynamo, sqs, s3);
    }

    private static void stopQuietly(DynamoDBProxyServer dynamo, ActorSystem sqs, S3Proxy s3) {
        try {
            if (s3 != null) {
                s3.stop();
            }
        } catch (Exception ignored) {
            // Stopping: nothing left to do about it.
        }
        if (sqs != null) {
            // Ends every connection at once, whatever state a client left it in: the queues are in
            // memory and go with the stack.
            sqs.terminate();
            try {
                sqs.getWhenTerminated().toCompletableFuture().get(SQS_STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // Stopping: the JVM's exit ends whatever is left.
            }
        }
        try {
            if (dynamo != null) {
                dynamo.stop();
            }
        } catch (Exception ignored) {
            // Stopping: nothing left to do about it.
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
