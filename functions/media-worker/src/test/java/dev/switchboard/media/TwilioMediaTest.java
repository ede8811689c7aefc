package dev.switchboard.media;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which URLs may receive an account's credentials: Twilio's API hosts, nothing else. */
class TwilioMediaTest {
    private final TwilioMedia inAws = new TwilioMedia(URI.create("https://api.twilio.com"));
    private final TwilioMedia local = new TwilioMedia(URI.create("http://127.0.0.1:3001"));

    @Test
    void twiliosHostsAndEdges() {
        for (String url : List.of("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3",
                "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3",
                "https://api.dublin.ie1.twilio.com/2010-04-01/x", "https://API.TWILIO.COM/x")) {
            assertTrue(inAws.isTwilio(URI.create(url)), url);
        }
        assertTrue(local.isTwilio(URI.create("http://127.0.0.1:3001/2010-04-01/Accounts/AC1/Recordings/RE1.mp3")));
    }

    @Test
    void everythingElseIsRefused() {
        for (String url : List.of("http://api.twilio.com/x", "https://api.twilio.com:8443/x",
                "https://api.twilio.com.evil.example/x", "https://evil.example/api.twilio.com/x",
                "https://user:pw@api.twilio.com/x", "https://media.twiliocdn.com/x", "https://twilio.com/x",
                "https://api.evil-twilio.com/x", "http://127.0.0.1:3001/x")) {
            assertFalse(inAws.isTwilio(URI.create(url)), url);
        }
        assertFalse(local.isTwilio(URI.create("https://api.twilio.com/x")), "locally only the simulator");
        assertFalse(local.isTwilio(URI.create("http://127.0.0.1:9999/x")), "another port is another host");
    }

    @Test
    void redirectsGoOnlyWhereTwilioKeepsMedia() {
        for (String url : List.of("https://media.twiliocdn.com/AC1/abc?Expires=1", "https://mms.twiliocdn.com/x",
                "https://s3-external-1.amazonaws.com/com.twilio.prod/x", "https://api.twilio.com/x")) {
            assertTrue(inAws.mayFollow(URI.create(url)), url);
        }
        for (String url : List.of("http://media.twiliocdn.com/x", "https://twiliocdn.com.evil.example/x",
                "https://169.254.169.254/latest/meta-data/", "https://evil.example/x", "http://127.0.0.1:3001/x",
                "https://user:pw@media.twiliocdn.com/x")) {
            assertFalse(inAws.mayFollow(URI.create(url)), url);
        }
        assertTrue(local.mayFollow(URI.create("http://127.0.0.1:3001/signed")), "locally the configured Twilio");
        assertFalse(local.mayFollow(URI.create("https://media.twiliocdn.com/x")));
    }

    @Test
    void locallyRedirectsGoOnlyToTheConfiguredTwilioItselfNotToAnotherPortOfItsHost() {
        for (String url : List.of("http://127.0.0.1:4444/signed", "http://127.0.0.1/signed", "https://127.0.0.1:3001/x",
                "http://localhost:3001/x", "http://127.0.0.2:3001/x")) {
            assertFalse(local.mayFollow(URI.create(url)), url);
        }
        var onDefaultPort = new TwilioMedia(URI.create("http://127.0.0.1"));
        assertTrue(onDefaultPort.mayFollow(URI.create("http://127.0.0.1:80/x")), "port 80 is http's own");
        assertFalse(onDefaultPort.mayFollow(URI.create("http://127.0.0.1:8080/x")));
    }

    @Test
    void aRedirectIsFollowedWithoutTheCredentials() throws Exception {
        var seenAtSigned = new java.util.concurrent.atomic.AtomicReference<String>("none");
        var seenAtApi = new java.util.concurrent.atomic.AtomicReference<String>();
        var api = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(
                java.net.InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/signed", exchange -> {
            seenAtSigned.set(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "audio".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.createContext("/2010-04-01/", exchange -> {
            seenAtApi.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().set("Location", "/signed?Expires=1");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        api.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + api.getAddress().getPort());
            var download = new TwilioMedia(base).fetch(base.resolve("/2010-04-01/Accounts/AC1/Recordings/RE1.mp3"),
                    "AC1", "secret-token", CopyLimits.messageMedia().start());
            try (var body = download.body()) {
                org.junit.jupiter.api.Assertions.assertEquals("audio", new String(body.readAllBytes()));
            }
            assertTrue(seenAtApi.get().startsWith("Basic "), "Twilio's host gets the account's credentials");
            org.junit.jupiter.api.Assertions.assertEquals("null", seenAtSigned.get(), "the redirect target gets none");
        } finally {
            api.stop(0);
        }
    }
}
