package dev.switchboard.local.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's built files, served at /console/ from the same build an S3 bucket serves in AWS
 * (the switchboard-console jar on the classpath). GET and HEAD only; the page is the API's own
 * origin here, so it calls the API without CORS and needs no config.json of its own.
 */
public final class ConsoleFiles {
    public static final String PATH = "/console";
    private static final String ROOT = "switchboard/console";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");
    /**
     * What the page may load and connect to: itself, and on this machine the WebSocket API and the
     * S3 emulator's presigned links (other loopback ports). Nothing from anywhere else.
     */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*; img-src 'self' data: http://127.0.0.1:*; "
            + "media-src 'self' http://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final ClassLoader loader;

    public ConsoleFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether the console's files are on the classpath (a build that packaged them). */
    public boolean available() {
        return loader.getResource(ROOT + "/index.html") != null;
    }

    public static boolean handles(String rawPath) {
        return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
    }

    public void serve(HttpExchange exchange, String method, String rawPath) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        var headers = exchange.getResponseHeaders();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            headers.set("Allow", "GET, HEAD");
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        if (rawPath.equals(PATH)) {
            headers.set("Location", PATH + "/");
            exchange.sendResponseHeaders(308, -1);
            return;
        }
        String name = rawPath.substring(PATH.length() + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        byte[] body = name.equals("config.json") ? "{}".getBytes() : read(name).orElse(null);
        if (body == null) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
            byte[] text = ("Not found" + (available() ? "" : ": this build has no console (mvn -B -DskipTests package builds it)"))
                    .getBytes();
            exchange.sendResponseHeaders(404, method.equals("HEAD") ? -1 : text.length);
            if (!method.equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(text);
                }
            }
            return;
        }
        headers.set("Content-Type", TYPES.getOrDefault(extension(name), "application/octet-stream"));
        // Assets are named by their content: kept a year. The page itself is checked every time.
        headers.set("Cache-Control", name.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        headers.set("Content-Security-Policy", POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
        if (!method.equals("HEAD")) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Only plain names below the root with a type served here: no "..", no empty or hidden
     * segments, no backslashes, no directories.
     */
    private Optional<byte[]> read(String name) throws IOException {
        if (!TYPES.containsKey(extension(name))) {
            return Optional.empty();
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || !segment.matches("[A-Za-z0-9._-]+")) {
                return Optional.empty();
            }
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
