package dev.switchboard.local;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The bundled demo seed's tenants, as the tests use them. */
final class Demo {
    static final String ACME = "acme";
    static final String ACME_ACCOUNT = "AC0000000000000000000000000000ac3e";
    static final String ACME_TOKEN = "acme_local_demo_auth_token_00000";
    static final String GLOBEX = "globex";
    static final String GLOBEX_ACCOUNT = "AC00000000000000000000000000610be0";
    static final String GLOBEX_TOKEN = "globex_local_demo_auth_token_000";

    static final String FORWARD_NUMBER = "+15005550101";
    static final String CLIENT_NUMBER = "+15005550102";
    static final String VOICEMAIL_NUMBER = "+15005550103";
    static final String STREAM_NUMBER = "+15005550104";
    static final String GREETING_NUMBER = "+15005550105";
    static final String GLOBEX_NUMBER = "+15005550201";
    static final String CALLER = "+14155550100";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Demo() {
    }

    static String newCallSid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "CA" + HexFormat.of().formatHex(bytes);
    }
}
