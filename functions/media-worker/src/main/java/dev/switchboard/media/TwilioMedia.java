package dev.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Downloads media from Twilio with an account's credentials, which go only to Twilio's own API
 * hosts: api.twilio.com, its regional edges (api.sydney.au1.twilio.com …), or the configured
 * Twilio API URL (the local simulator). A URL on any other host is refused before any request is
 * made. Redirects are followed without credentials, and only to where Twilio sends media: its own
 * hosts, its CDN (*.twiliocdn.com) and the S3 host of legacy public media, over https; locally,
 * the simulator's host.
 */
public final class TwilioMedia {
    private static final Pattern TWILIO_API_HOST = Pattern.compile("api(\\.[a-z0-9-]+){0,2}\\.twilio\\.com");
    private static final int MAX_REDIRECTS = 3;
    private static final Pattern TWILIO_CDN = Pattern.compile("([a-z0-9-]+\\.)+twiliocdn\\.com");
    private static final String LEGACY_MEDIA_HOST = "s3-external-1.amazonaws.com";

    /** What came back: an open body to stream, its length if Twilio said, and its type. */
    public record Download(InputStream body, long length, String contentType) {
    }

    /** Twilio has no such media (yet: it answers 404 for a while after a recording completes). */
    public static final class NotYetThere extends IOException {
        NotYetThere(String message) {
            super(message);
        }
    }

    /** The URL is not Twilio's: no credentials are sent and nothing is fetched. */
    public static final class NotTwilio extends IOException {
        NotTwilio(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI configuredApi;

    /** @param configuredApi the Twilio API base the deployment uses (https://api.twilio.com in AWS) */
    public TwilioMedia(URI configuredApi) {
        this.configuredApi = configuredApi;
    }

    /** Whether credentials may be sent to this URL. */
    public boolean isTwilio(URI url) {
        if (url.getHost() == null || url.getUserInfo() != null) {
            return false;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean configured = host.equals(configuredApi.getHost()) && url.getPort() == configuredApi.getPort()
                && url.getScheme().equals(configuredApi.getScheme());
        // Twilio's regional edges only when this deployment talks to Twilio itself: a local stack
        // on its simulator has no business sending a token to api.twilio.com.
        boolean realTwilio = TWILIO_API_HOST.matcher(configuredApi.getHost()).matches();
        return configured || realTwilio && "https".equals(url.getScheme()) && url.getPort() == -1
                && TWILIO_API_HOST.matcher(host).matches();
    }

    /** Whether a redirect from Twilio may be followed there (without credentials). */
    boolean mayFollow(URI target) {
        if (target.getHost() == null || target.getUserInfo() != null) {
            return false;
        }
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (!TWILIO_API_HOST.matcher(configuredApi.getHost()).matches()) {
            return host.equals(configuredApi.getHost());
        }
        return "https".equals(target.getScheme()) && (TWILIO_API_HOST.matcher(host).matches()
                || TWILIO_CDN.matcher(host).matches() || host.equals(LEGACY_MEDIA_HOST));
    }

    /**
     * Deletes a resource at Twilio (a recording whose copy is verified). Gone already is fine.
     */
    public void delete(URI url, String accountSid, String authToken) throws IOException, InterruptedException {
        if (!isTwilio(url)) {
            throw new NotTwilio("not a Twilio API host: " + url.getHost());
        }
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                        .getBytes(StandardCharsets.UTF_8)))
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IOException("Twilio answered " + response.statusCode() + " to deleting " + url.getPath());
        }
    }

    public Download fetch(URI url, String accountSid, String authToken) throws IOException, InterruptedException {
        if (!isTwilio(url)) {
            throw new NotTwilio("not a Twilio API host: " + url.getHost());
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        URI target = url;
        boolean credentials = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET();
            if (credentials) {
                request.header("Authorization", basic);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                target = target.resolve(response.headers().firstValue("Location").get());
                if (!mayFollow(target)) {
                    throw new NotTwilio("Twilio redirected " + url.getPath() + " to a host media never comes from: "
                            + target.getHost());
                }
                // The CDN's signed URL needs no credentials, and may not be Twilio's host.
                credentials = false;
                continue;
            }
            if (status == 404) {
                response.body().close();
                throw new NotYetThere("Twilio answered 404 for " + url.getPath());
            }
            if (status != 200) {
                response.body().close();
                throw new IOException("Twilio answered " + status + " for " + url.getPath());
            }
            return new Download(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1),
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects for " + url.getPath());
    }
}
