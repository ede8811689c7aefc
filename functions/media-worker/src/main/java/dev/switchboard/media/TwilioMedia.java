package dev.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
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
 * the configured Twilio itself (scheme, host and port). Each download runs under its copy's
 * {@link CopyBudget}: bytes and a deadline for the whole read.
 */
public final class TwilioMedia {
    private static final Pattern TWILIO_API_HOST = Pattern.compile("api(\\.[a-z0-9-]+){0,2}\\.twilio\\.com");
    private static final int MAX_REDIRECTS = 3;
    private static final Pattern TWILIO_CDN = Pattern.compile("([a-z0-9-]+\\.)+twiliocdn\\.com");
    private static final String LEGACY_MEDIA_HOST = "s3-external-1.amazonaws.com";
    /** How long Twilio may take to start answering, within the copy's deadline. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /** What came back: its body, bounded by the copy's budget, its length if Twilio said, and its type. */
    public record Download(InputStream body, long length, String contentType) {
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
        if (url.getHost() == null || url.getUserInfo() != null || url.getScheme() == null) {
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

    /**
     * Whether a redirect from Twilio may be followed there (without credentials). Against a local
     * Twilio, only to that Twilio itself: its scheme, host and port, for another port of its host is
     * another server (the local S3, a database).
     */
    boolean mayFollow(URI target) {
        if (target.getHost() == null || target.getUserInfo() != null || target.getScheme() == null) {
            return false;
        }
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (!TWILIO_API_HOST.matcher(configuredApi.getHost()).matches()) {
            return target.getScheme().equalsIgnoreCase(configuredApi.getScheme())
                    && host.equalsIgnoreCase(configuredApi.getHost()) && port(target) == port(configuredApi);
        }
        return "https".equals(target.getScheme()) && (TWILIO_API_HOST.matcher(host).matches()
                || TWILIO_CDN.matcher(host).matches() || host.equals(LEGACY_MEDIA_HOST));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * A URL Twilio gave in a webhook, to fetch: refused when it is not one (stored before webhooks
     * checked it, or by hand), so that a job for it ends instead of failing on every try.
     */
    public static URI url(String text) throws CopyFault {
        if (text == null) {
            throw new CopyFault(CopyFault.Reason.URL_REFUSED, "Twilio's webhook gave no media URL");
        }
        try {
            URI url = new URI(text);
            if (url.getScheme() == null || url.getHost() == null) {
                throw new URISyntaxException(text, "not an absolute URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new CopyFault(CopyFault.Reason.URL_REFUSED, "the media URL Twilio's webhook gave is not a URL");
        }
    }

    /**
     * Deletes a resource at Twilio (a recording whose copy is verified). Gone already is fine.
     */
    public void delete(URI url, String accountSid, String authToken) throws IOException, InterruptedException {
        if (!isTwilio(url)) {
            throw new CopyFault(CopyFault.Reason.URL_REFUSED, "not on Twilio's API host: " + url.getHost());
        }
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                        .getBytes(StandardCharsets.UTF_8)))
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IOException("Twilio answered " + response.statusCode() + " to deleting " + url.getPath());
        }
    }

    /**
     * Starts the download under the copy's budget: Twilio must answer before its deadline, and the
     * body returned is read under it. Every way the source fails is a {@link CopyFault}.
     */
    public Download fetch(URI url, String accountSid, String authToken, CopyBudget budget)
            throws CopyFault, InterruptedException {
        if (!isTwilio(url)) {
            throw new CopyFault(CopyFault.Reason.URL_REFUSED, "not on Twilio's API host: " + url.getHost());
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        URI target = url;
        boolean credentials = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Duration wait = budget.timeLeft();
            if (wait.isZero()) {
                throw budget.tooSlow();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(wait.compareTo(ANSWER_TIMEOUT) < 0 ? wait : ANSWER_TIMEOUT).GET();
            if (credentials) {
                request.header("Authorization", basic);
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (budget.expired()) {
                    throw budget.tooSlow();
                }
                throw new CopyFault(CopyFault.Reason.DOWNLOAD_FAILED, "Twilio could not be reached for "
                        + url.getPath() + ": " + e.getClass().getSimpleName(), e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                close(response);
                URI next;
                try {
                    next = target.resolve(response.headers().firstValue("Location").get());
                } catch (IllegalArgumentException e) {
                    throw new CopyFault(CopyFault.Reason.URL_REFUSED, "Twilio redirected " + url.getPath()
                            + " to something that is not a URL");
                }
                if (!mayFollow(next)) {
                    throw new CopyFault(CopyFault.Reason.URL_REFUSED, "Twilio redirected " + url.getPath()
                            + " to a host media never comes from: " + next.getScheme() + "://" + next.getHost()
                            + (next.getPort() == -1 ? "" : ":" + next.getPort()));
                }
                target = next;
                // The CDN's signed URL needs no credentials, and may not be Twilio's host.
                credentials = false;
                continue;
            }
            if (status != 200) {
                close(response);
                throw new CopyFault(status == 404 ? CopyFault.Reason.NOT_FOUND : CopyFault.Reason.TWILIO_ERROR,
                        "Twilio answered " + status + " for " + url.getPath());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Download(budget.bound(response.body(), length), length,
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
        }
        throw new CopyFault(CopyFault.Reason.TWILIO_ERROR, "more than " + MAX_REDIRECTS + " redirects for "
                + url.getPath());
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Only the connection is lost.
        }
    }
}
