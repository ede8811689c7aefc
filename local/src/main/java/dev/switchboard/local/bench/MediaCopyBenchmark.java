package dev.switchboard.local.bench;

import dev.switchboard.local.http.LoopbackServer;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.local.Emulators;
import dev.switchboard.local.LocalStack;
import dev.switchboard.media.CopyBudget;
import dev.switchboard.media.CopyLimits;
import dev.switchboard.media.MultipartCopy;
import dev.switchboard.media.TwilioMedia;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The media worker's copy of a 100 MB recording, in a JVM whose heap is capped at 128 MB: the file
 * streams from a Twilio-like server into S3 (S3Proxy, in this process) with the worker's own
 * classes, under the limits a real recording of that size has (a two-channel WAV of about 55
 * minutes: its byte range and its time to read), and the child JVM reports its time and its peak
 * heap. A copy that held the file in memory could not finish.
 *
 * <pre>java -cp local/target/switchboard-local.jar dev.switchboard.local.bench.MediaCopyBenchmark [megabytes]</pre>
 */
public final class MediaCopyBenchmark {
    private static final String ACCOUNT = "AC00000000000000000000000000bench0";
    private static final String TOKEN = "bench-token";
    private static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Recordings/RE00000000000000000000000000bench0.wav";

    private MediaCopyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("copy")) {
            copy(URI.create(args[1]), URI.create(args[2]), args[3], Long.parseLong(args[4]));
            return;
        }
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 100;
        long bytes = megabytes * 1024 * 1024;
        try (Emulators emulators = Emulators.start(); S3Client s3 = LocalStack.s3(emulators)) {
            s3.createBucket(b -> b.bucket("bench"));
            HttpServer twilio = source(bytes);
            try {
                URI base = URI.create("http://127.0.0.1:" + twilio.getAddress().getPort());
                Process child = new ProcessBuilder(Path.java(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                        MediaCopyBenchmark.class.getName(), "copy", base.toString(), emulators.s3Endpoint().toString(),
                        "bench", Long.toString(bytes)).inheritIO().start();
                int code = child.waitFor();
                long stored = s3.headObject(b -> b.bucket("bench").key("recording.wav")).contentLength();
                System.out.printf("stored %d MB in S3 (%s), child exit %d%n", stored / (1024 * 1024),
                        stored == bytes ? "every byte" : "WRONG SIZE", code);
                if (code != 0 || stored != bytes) {
                    System.exit(1);
                }
            } finally {
                twilio.stop(0);
            }
        }
        System.exit(0);
    }

    /** Serves {@code bytes} of audio-like bytes behind basic auth, generated as they are sent. */
    private static HttpServer source(long bytes) throws java.io.IOException {
        HttpServer server = LoopbackServer.create(0);
        String expected = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.createContext(PATH, exchange -> {
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "audio/x-wav");
            exchange.sendResponseHeaders(200, bytes);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) (i * 31);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
                }
            }
        });
        server.start();
        return server;
    }

    /** In the 128 MB child: the worker's download and multipart copy, then the figures. */
    private static void copy(URI twilio, URI s3Endpoint, String bucket, long bytes) throws Exception {
        long start = System.nanoTime();
        try (S3Client s3 = S3Client.builder().endpointOverride(s3Endpoint).forcePathStyle(true)
                .region(Region.of(Emulators.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            // A two-channel WAV (32,000 bytes a second) as long as these bytes make it.
            int length = (int) Math.ceil(bytes / 32_000.0);
            CopyBudget budget = CopyLimits.recording("wav", length, 2).start();
            var download = new TwilioMedia(twilio).fetch(twilio.resolve(PATH), ACCOUNT, TOKEN, budget);
            budget.checkAnnounced(download.length());
            long copied = new MultipartCopy(s3, bucket, Optional.empty()).copy(download.body(), "recording.wav",
                    download.contentType(), "recording", n -> budget.checkCopied(n, download.length()));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakHeap = 0;
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
            for (MemoryPoolMXBean pool : pools) {
                if (pool.getType() == MemoryType.HEAP) {
                    peakHeap += pool.getPeakUsage().getUsed();
                }
            }
            long maxHeap = Runtime.getRuntime().maxMemory();
            System.out.printf("copied %d MB in %.1f s (%.0f MB/s); peak heap %d MB of a %d MB maximum%n",
                    copied / (1024 * 1024), seconds, copied / (1024.0 * 1024) / seconds, peakHeap / (1024 * 1024),
                    maxHeap / (1024 * 1024));
            if (copied != bytes) {
                System.exit(1);
            }
        }
    }

    /** The java of this JVM, so the child runs on the same JDK. */
    private static final class Path {
        static String java() {
            return ProcessHandle.current().info().command().orElse("java");
        }
    }
}
