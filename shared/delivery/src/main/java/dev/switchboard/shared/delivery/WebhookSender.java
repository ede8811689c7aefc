package dev.switchboard.shared.delivery;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One delivery attempt over HTTP/1.1, written by hand for what a general client will not do: it
 * resolves the host itself, connects only to an address {@link Destinations#mayConnect} permits
 * (the name is resolved again here, so a name re-pointed since it was saved reaches nothing it
 * should not), keeps the name for TLS (SNI and certificate checks), never follows a redirect, gives
 * up after one deadline for the whole attempt, and keeps at most a short excerpt of the answer.
 */
public final class WebhookSender {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    public static final int EXCERPT_BYTES = 1024;
    private static final int MAX_HEADER_BYTES = 32 * 1024;

    /**
     * @param status  the receiver's HTTP status, or 0 when it gave none
     * @param excerpt the start of its answer (headers aside), for the delivery log
     */
    public record Attempt(AttemptOutcome outcome, int status, Duration latency, String excerpt) {
    }

    private final Destinations destinations;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(Destinations destinations, Duration timeout, Clock clock) {
        this.destinations = destinations;
        this.timeout = timeout;
        this.clock = clock;
    }

    public Attempt send(URI url, WebhookSigner.SignedHeaders headers, byte[] body) {
        Instant start = clock.instant();
        String host = bare(url.getHost());
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        InetAddress address;
        try {
            List<InetAddress> addresses = destinations.resolve(host);
            address = addresses.stream().filter(destinations::mayConnect).findFirst().orElse(null);
            if (address == null || addresses.stream().anyMatch(a -> !destinations.mayConnect(a))) {
                return failed(start, "the host resolves to an address events may not be sent to");
            }
        } catch (UnknownHostException e) {
            return failed(start, "the host does not resolve");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), millisLeft(deadline));
            Socket socket = https ? tls(plain, host, port) : plain;
            try {
                socket.setSoTimeout(millisLeft(deadline));
                write(socket.getOutputStream(), url, host, port, https, headers, body);
                return read(socket.getInputStream(), deadline, start);
            } finally {
                if (socket != plain) {
                    socket.close();
                }
            }
        } catch (SocketTimeoutException e) {
            return failed(start, "no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return failed(start, "connection refused");
        } catch (SSLException e) {
            return failed(start, "TLS failed: " + e.getMessage());
        } catch (IOException e) {
            return failed(start, "connection failed: " + e.getClass().getSimpleName());
        }
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
        var parameters = socket.getSSLParameters();
        if (!host.contains(":") && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        // The certificate must name the host the tenant gave, whatever address it resolved to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static void write(OutputStream out, URI url, String host, int port, boolean https,
                              WebhookSigner.SignedHeaders headers, byte[] body) throws IOException {
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        boolean defaultPort = port == (https ? 443 : 80);
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: Switchboard-Webhooks/1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + WebhookSigner.ID_HEADER + ": " + headers.id() + "\r\n"
                + WebhookSigner.TIMESTAMP_HEADER + ": " + headers.timestamp() + "\r\n"
                + WebhookSigner.SIGNATURE_HEADER + ": " + headers.signature() + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private Attempt read(InputStream in, long deadline, Instant start) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return failed(start, "the connection closed before an HTTP answer");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEADER_BYTES) {
                return failed(start, "the answer's headers are too long");
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException();
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("[1-5][0-9]{2}")) {
            return failed(start, "not an HTTP answer");
        }
        int status = Integer.parseInt(statusLine[1]);
        String retryAfter = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("retry-after")) {
                retryAfter = lines[i].substring(colon + 1).trim();
            }
        }
        byte[] excerpt = new byte[EXCERPT_BYTES];
        int n = 0;
        try {
            while (n < EXCERPT_BYTES && System.nanoTime() < deadline) {
                int read = in.read(excerpt, n, EXCERPT_BYTES - n);
                if (read < 0) {
                    break;
                }
                n += read;
            }
        } catch (SocketTimeoutException slowBody) {
            // The status decides the attempt; a body that trickles only shortens the excerpt.
        }
        return new Attempt(AttemptOutcome.of(status, retryAfter, clock.instant()), status,
                Duration.between(start, clock.instant()), new String(excerpt, 0, n, StandardCharsets.UTF_8));
    }

    private Attempt failed(Instant start, String reason) {
        return new Attempt(AttemptOutcome.unreachable(reason), 0, Duration.between(start, clock.instant()), "");
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
