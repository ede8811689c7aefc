package dev.switchboard.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs in a fresh JVM on one function's own class path (its function.zip as Lambda unpacks it),
 * configured by environment variables as Lambda configures it: builds the handler with its
 * no-argument constructor, as the runtime does, and answers one request. {@link FunctionBenchmark}
 * times it from outside and reads its CPU time, classes and peak memory while it waits.
 *
 * <p>The request comes as plain lines ({@code name<TAB>value}) rather than JSON, so that the
 * probe loads nothing the function would not: no JSON parser of its own.
 *
 * <p>args: handler class, request file, and optionally {@code --prime}: run the function's SnapStart
 * priming first and report how many classes the first request then loads (the test of priming).
 */
public final class FunctionProbe {
    private FunctionProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, Object> authorizer = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            String name = line.substring(0, tab);
            String value = line.substring(tab + 1);
            if (name.startsWith("header.")) {
                headers.put(name.substring(7), value);
            } else if (name.startsWith("path.")) {
                path.put(name.substring(5), value);
            } else if (name.startsWith("authorizer.")) {
                authorizer.put(name.substring(11), value);
            } else {
                lines.put(name, value);
            }
        }
        boolean prime = args.length > 2 && args[2].equals("--prime");
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(args[0])
                .getConstructor().newInstance();
        Object event = lines.containsKey("authorizer")
                ? APIGatewayV2CustomAuthorizerEvent.builder()
                        .withRouteKey(lines.get("routeKey")).withRawPath(lines.get("rawPath"))
                        .withRawQueryString("").withHeaders(headers).withPathParameters(path).build()
                : APIGatewayV2HTTPEvent.builder()
                        .withRouteKey(lines.get("routeKey"))
                        .withRawPath(lines.get("rawPath"))
                        .withRawQueryString(lines.getOrDefault("rawQueryString", ""))
                        .withHeaders(headers)
                        .withPathParameters(path.isEmpty() ? null : path)
                        .withBody(lines.get("body"))
                        .withIsBase64Encoded(Boolean.parseBoolean(lines.get("isBase64Encoded")))
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withDomainName(lines.get("domainName"))
                                .withAuthorizer(authorizer.isEmpty() ? null
                                        : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                                .withLambda(authorizer).build())
                                .build())
                        .build();
        long before = 0;
        if (prime) {
            dev.switchboard.shared.priming.Priming.primeAll();
            before = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            // In a class-loading log, what the first request loads comes after this class.
            new PrimedMarker();
        }
        Object response = handler.handleRequest(event, null);
        String status = response instanceof com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse http
                ? Integer.toString(http.getStatusCode()) : String.valueOf(response);
        if (prime) {
            long after = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            System.out.println("FIRST-REQUEST-CLASSES " + (after - before));
        }
        System.out.println("RESPONSE " + status);
        System.out.flush();
        // Measured from outside while it waits: CPU time, classes loaded, peak memory. Then, when
        // asked, the same request again and again in this JVM, warm, as Lambda reuses a container.
        String next = waitForTheMeasurement();
        if (next != null && next.startsWith("warm ")) {
            timeWarm(Integer.parseInt(next.substring(5).trim()), () -> handler.handleRequest(event, null));
        }
        System.exit(0);
    }

    /** Runs {@code request} warm, then prints p50, p90, p99 and max of the timed ones. */
    static void timeWarm(int requests, Runnable request) {
        long[] nanos = new long[requests];
        for (int i = 0; i < WARM_UP + requests; i++) {
            long start = System.nanoTime();
            request.run();
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = System.nanoTime() - start;
            }
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("WARM %.2f %.2f %.2f %.2f%n", nanos[requests / 2] / 1e6, nanos[(int) (requests * 0.9)] / 1e6,
                nanos[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1e6, nanos[requests - 1] / 1e6);
        System.out.flush();
    }

    /** Marks the end of priming in a class-loading log. */
    private static final class PrimedMarker {
    }

    /** Requests answered before the warm ones are timed: the JIT's first compilations. */
    private static final int WARM_UP = 200;

    /** Waits while it is measured from outside; then what to do next (warm N, or nothing). */
    static String waitForTheMeasurement() throws IOException {
        System.out.flush();
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
