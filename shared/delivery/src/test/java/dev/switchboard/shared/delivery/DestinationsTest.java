package dev.switchboard.shared.delivery;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No event may be sent where it could reach the deployment's own network. */
class DestinationsTest {
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.215.14",
            "metadata.example.com", "169.254.169.254",
            "rebound.example.com", "10.0.0.7",
            "v6.example.com", "2606:4700::1111",
            "mapped.example.com", "::ffff:127.0.0.1");

    private static Destinations destinations(boolean local) {
        return new Destinations(local, host -> {
            String address = DNS.get(host);
            if (address == null) {
                if (host.equals("localhost")) {
                    return List.of(InetAddress.getByName("127.0.0.1"));
                }
                if (host.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                    return List.of(InetAddress.getByName(host)); // a literal address: no lookup
                }
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        });
    }

    @Test
    void anHttpsUrlOnAPublicAddressIsAllowed() {
        assertEquals("hooks.example.com", destinations(false).check("https://hooks.example.com/switchboard?x=1").getHost());
        assertEquals("v6.example.com", destinations(false).check("https://v6.example.com/").getHost());
    }

    @Test
    void privateLoopbackMetadataAndMappedAddressesAreRefused() {
        var aws = destinations(false);
        for (String url : List.of("https://metadata.example.com/latest/meta-data/", "https://rebound.example.com/",
                "https://mapped.example.com/", "https://localhost/", "https://127.0.0.1/", "https://[::1]/",
                "https://169.254.169.254/", "https://[fd00::1]/", "https://100.64.0.1/", "https://224.0.0.1/",
                "https://0.0.0.0/", "https://192.168.1.1/", "https://172.31.255.255/", "https://[fe80::1]/",
                "https://[64:ff9b::a9fe:a9fe]/", "https://203.0.113.9/", "https://[2001:db8::1]/",
                "https://[2002:a9fe:a9fe::1]/", "https://[2002:0a00:0001::]/", "https://[2001:0:4136:e378::1]/",
                "https://[2001:2::1]/", "https://[3fff::1]/", "https://[::8.8.8.8]/", "https://[fec0::1]/",
                "https://[::]/")) {
            var refused = assertThrows(IllegalArgumentException.class, () -> aws.check(url), url);
            assertTrue(refused.getMessage().contains("not a public address"), url + ": " + refused.getMessage());
        }
    }

    @Test
    void sixToFourOfAPublicAddressIsPublicAndTheSchemeIsCaseInsensitive() {
        var aws = destinations(false);
        assertEquals("https", aws.check("https://[2002:5db8:d70e::1]/").getScheme(), "6to4 of 93.184.215.14");
        assertEquals("https://hooks.example.com/in", aws.check("HTTPS://hooks.example.com/in").toString());
        assertThrows(IllegalArgumentException.class, () -> aws.check("https://hooks.example.com:99999/"));
    }

    @Test
    void onlyHttpsWithAHostAndNoCredentials() {
        var aws = destinations(false);
        for (String url : List.of("http://hooks.example.com/", "ftp://hooks.example.com/", "https:///path",
                "https://user:pass@hooks.example.com/", "hooks.example.com", "https://hooks.example.com/#frag",
                "https://nowhere.example.com/", "https://hooks.example.com/" + "a".repeat(2100), "")) {
            assertThrows(IllegalArgumentException.class, () -> aws.check(url), url);
        }
    }

    @Test
    void theLocalStackMaySendHttpToLoopbackOnly() {
        var local = destinations(true);
        assertEquals(8081, local.check("http://127.0.0.1:8081/hooks").getPort());
        assertEquals("localhost", local.check("http://localhost:8081/hooks").getHost());
        assertThrows(IllegalArgumentException.class, () -> local.check("http://hooks.example.com/"));
        assertThrows(IllegalArgumentException.class, () -> local.check("https://rebound.example.com/"));
        assertTrue(local.mayConnect(InetAddress.getLoopbackAddress()));
        assertFalse(destinations(false).mayConnect(InetAddress.getLoopbackAddress()));
    }
}
