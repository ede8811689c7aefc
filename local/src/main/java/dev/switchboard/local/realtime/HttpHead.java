package dev.switchboard.local.realtime;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 request line and its headers, as the gateway's one port receives them: WebSocket
 * upgrades and @connections calls alike.
 *
 * @param headers in the order and case the client sent them; API Gateway passes them on so
 */
record HttpHead(String method, String target, List<Map.Entry<String, String>> headers) {
    /** API Gateway refuses request heads over about 10 KB; generous here, but bounded. */
    private static final int MAX_HEAD = 16 * 1024;

    /** A request the gateway cannot read: answered with 400 and the connection closed. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The next request on a connection, or null when the client closed it between requests. */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed within a request head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new Malformed("request head over " + MAX_HEAD + " bytes");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new Malformed("not an HTTP/1.1 request line");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new Malformed("bad header line");
            }
            headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
        }
        return new HttpHead(requestLine[0].toUpperCase(Locale.ROOT), requestLine[1], List.copyOf(headers));
    }

    /** A header's value, whatever its case; the last one when repeated. */
    String header(String name) {
        String value = null;
        for (var h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                value = h.getValue();
            }
        }
        return value;
    }

    boolean headerHasToken(String name, String token) {
        String value = header(name);
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    boolean upgradesToWebSocket() {
        return "websocket".equalsIgnoreCase(header("Upgrade"));
    }

    String rawPath() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    String rawQuery() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    /** Headers as API Gateway's payload 1.0 gives them: the last value of each, and all of them. */
    Map<String, String> singleValueHeaders() {
        Map<String, String> single = new LinkedHashMap<>();
        headers.forEach(h -> single.put(h.getKey(), h.getValue()));
        return single;
    }

    Map<String, List<String>> multiValueHeaders() {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach(h -> multi.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        return multi;
    }

    /** Decoded query parameters, each with all its values in order; empty without a query. */
    Map<String, List<String>> query() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String raw = rawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /**
     * The request's body, by Content-Length or chunked; null when it is longer than {@code max}
     * (then unread, and the connection cannot serve another request).
     */
    byte[] body(InputStream in, int max) throws IOException {
        if (headerHasToken("Transfer-Encoding", "chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in);
                int size;
                try {
                    size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                } catch (NumberFormatException e) {
                    throw new Malformed("bad chunk size");
                }
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // Trailers: nothing the gateway uses.
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > max) {
                    return null;
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new EOFException("connection closed within a chunk");
                }
                body.write(chunk);
                line(in);
            }
        }
        String length = header("Content-Length");
        long size;
        try {
            size = length == null ? 0 : Long.parseLong(length);
        } catch (NumberFormatException e) {
            throw new Malformed("bad Content-Length");
        }
        if (size > max) {
            return null;
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length < size) {
            throw new EOFException("connection closed within a body");
        }
        return body;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed within a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > MAX_HEAD) {
                throw new Malformed("chunk line too long");
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
