package dev.switchboard.shared.lambda;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * The AWS clients' HTTP client, which SnapStart priming can put in front of: while a priming
 * answerer is set, a request never leaves the container and is answered by it instead. So priming
 * runs the SDK's whole request path (marshalling, signing, the HTTP client's own classes up to the
 * wire, response parsing, exceptions) with no side effect anywhere. Otherwise every request goes to
 * the real client.
 */
public final class PrimingHttpClient implements SdkHttpClient {
    /** Given the operation (X-Amz-Target) and the JSON body, the JSON answer. */
    private static volatile BiFunction<String, String, String> answerer;

    private final SdkHttpClient delegate;

    public PrimingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    public static void answerWith(BiFunction<String, String, String> answers) {
        answerer = answers;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        BiFunction<String, String, String> answers = answerer;
        if (answers == null) {
            return delegate.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                String body = "";
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                String text = answers.apply(target, body);
                byte[] answer = text.getBytes(StandardCharsets.UTF_8);
                // An answer naming its __type is an error, as the JSON protocol sends one.
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(text.startsWith("{\"__type\"") ? 400 : 200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(answer.length))
                                .putHeader("x-amzn-RequestId", "priming").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }
}
