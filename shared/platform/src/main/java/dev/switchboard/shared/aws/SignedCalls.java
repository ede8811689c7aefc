package dev.switchboard.shared.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The one place that calls an AWS API without its SDK client (none is on Maven Central for the
 * SDK version the rest of Switchboard uses: SSM, API Gateway's {@code @connections}): a request
 * signed with the SDK's own SigV4 signer, sent over the SDK's own HTTP client.
 */
public final class SignedCalls {
    /** What came back: its status and body, whatever the status. */
    public record Answer(int status, byte[] body) {
        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;

    public SignedCalls(SdkHttpClient http, AwsCredentialsProvider credentials, String region) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
    }

    public String region() {
        return region;
    }

    /**
     * @param service the signing name: {@code ssm}, {@code execute-api}
     * @param body    null for none
     */
    public Answer call(SdkHttpMethod method, URI uri, String service, Map<String, String> headers, byte[] body) {
        var request = SdkHttpFullRequest.builder().method(method).uri(uri);
        headers.forEach(request::putHeader);
        var built = request.build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(built)
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            var response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            byte[] content = response.responseBody().map(in -> {
                try (in) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse(new byte[0]);
            return new Answer(response.httpResponse().statusCode(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(service + " " + method + " " + uri.getPath() + " failed", e);
        }
    }
}
