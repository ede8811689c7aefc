package dev.switchboard.shared.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where Switchboard may send a tenant's events: an https URL whose host resolves only to public
 * addresses. Never loopback, private (RFC 1918, unique local), link-local (the instance metadata
 * address 169.254.169.254 among them), carrier-grade NAT, multicast, documentation, benchmarking or
 * otherwise reserved ranges, IPv4 spelled inside IPv6 included. Checked when an endpoint is saved
 * and again for the very address each delivery connects to, so that a name re-pointed after the
 * check (DNS rebinding) reaches nothing it should not. The local stack allows http to loopback, so
 * that a laptop can receive its own events.
 */
public final class Destinations {
    public static final int MAX_URL_LENGTH = 2048;
    private final boolean allowLoopbackHttp;
    private final Resolver resolver;

    /** Name resolution, a parameter so that tests can play DNS. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public Destinations(boolean allowLoopbackHttp, Resolver resolver) {
        this.allowLoopbackHttp = allowLoopbackHttp;
        this.resolver = resolver;
    }

    /** The URL, if Switchboard may deliver to it; otherwise why not, in words for the tenant. */
    public URI check(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("url must be an https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("url must be an absolute https URL with a host, no user info and no fragment");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean localHttp = allowLoopbackHttp && "http".equalsIgnoreCase(uri.getScheme());
        if (!https && !localHttp) {
            throw new IllegalArgumentException("url must use https");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("url's port must be from 1 to 65535");
        }
        List<InetAddress> addresses;
        try {
            // An IPv6 literal comes bracketed from the URI; the resolver takes the bare address.
            addresses = resolver.resolve(host.startsWith("[") && host.endsWith("]")
                    ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("url's host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!permits(address) && !(allowLoopbackHttp && address.isLoopbackAddress())) {
                throw new IllegalArgumentException("url's host " + host + " resolves to " + address.getHostAddress()
                        + ", which is not a public address");
            }
        }
        if (localHttp && addresses.stream().anyMatch(a -> !a.isLoopbackAddress())) {
            throw new IllegalArgumentException("url must use https (http is allowed to this machine's loopback only)");
        }
        try {
            // Schemes are case-insensitive; what is stored and signed for is written one way.
            return new URI(uri.getScheme().toLowerCase(java.util.Locale.ROOT) + ":" + uri.getRawSchemeSpecificPart());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL");
        }
    }

    /** The addresses a name resolves to now, as the checks see them. */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return resolver.resolve(host);
    }

    /** Whether a delivery may connect to this address: the check made again at connect time. */
    public boolean mayConnect(InetAddress address) {
        return permits(address) || allowLoopbackHttp && address.isLoopbackAddress();
    }

    /** Whether an address is public: routable on the internet and not reserved for anything else. */
    public static boolean permits(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                return permits(embedded);
            }
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            int b2 = b[2] & 0xff;
            int b3 = b[3] & 0xff;
            boolean zeros96 = true;
            for (int i = 0; i < 12; i++) {
                zeros96 &= b[i] == 0;
            }
            if (zeros96) {
                return false; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
            }
            if (b0 == 0x20 && b1 == 0x02) {
                // 6to4 (2002::/16) carries an IPv4 address in its next four bytes: judged as that.
                return permits(ipv4(b[2], b[3], b[4], b[5]));
            }
            boolean global = (b0 & 0xe0) == 0x20; // 2000::/3, the global unicast range
            boolean ietf = b0 == 0x20 && b1 == 0x01 && (b2 & 0xfe) == 0x00; // 2001::/23: Teredo, benchmarking, ...
            boolean documentation = b0 == 0x20 && b1 == 0x01 && b2 == 0x0d && b3 == 0xb8 // 2001:db8::/32
                    || b0 == 0x3f && b1 == 0xff && (b2 & 0xf0) == 0x00; // 3fff::/20
            return global && !ietf && !documentation;
        }
        byte[] b = ((Inet4Address) address).getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224 // this network, private, loopback, multicast and reserved
                || a0 == 100 && a1 >= 64 && a1 <= 127 // carrier-grade NAT
                || a0 == 169 && a1 == 254 // link-local: the instance metadata service
                || a0 == 172 && a1 >= 16 && a1 <= 31
                || a0 == 192 && a1 == 168
                || a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) // IETF protocol assignments, TEST-NET-1
                || a0 == 198 && (a1 == 18 || a1 == 19) // benchmarking
                || a0 == 198 && a1 == 51 && a2 == 100 // TEST-NET-2
                || a0 == 203 && a1 == 0 && a2 == 113); // TEST-NET-3
    }

    /** The IPv4 address an IPv6 one is a translation of (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96). */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return mapped || nat64 ? ipv4(b[12], b[13], b[14], b[15]) : null;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[]{a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
