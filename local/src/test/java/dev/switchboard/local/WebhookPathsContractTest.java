package dev.switchboard.local;

import dev.switchboard.shared.config.WebhookPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every URL Switchboard gives Twilio (TwiML attributes, REST parameters, number and TwiML App
 * configuration) is a route of the template, and WebhookPaths is the one place that names them.
 */
class WebhookPathsContractTest {
    private static final Pattern TWILIO_PATH = Pattern.compile("\"(/twilio/[A-Za-z0-9/_-]+)\"");

    private static Set<String> routes() {
        return Template.bundled().functions().stream().flatMap(f -> f.routes().stream())
                .map(Template.Route::path).filter(p -> p.startsWith("/twilio/")).collect(Collectors.toSet());
    }

    @Test
    void everyPathInWebhookPathsIsARoute() throws IllegalAccessException {
        Set<String> named = new TreeSet<>();
        for (var field : WebhookPaths.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                named.add((String) field.get(null));
            }
        }
        assertEquals(new TreeSet<>(routes()), named, "WebhookPaths and the template's /twilio routes");
    }

    @Test
    void noProductionCodeSpellsAWebhookPathOutsideWebhookPaths() throws IOException {
        List<String> strays;
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            strays = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .filter(f -> !f.endsWith(Path.of("dev/switchboard/shared/config/WebhookPaths.java")))
                    .filter(f -> !f.toString().contains("/local/src/main/java/dev/switchboard/local/bench/"))
                    .flatMap(WebhookPathsContractTest::paths).toList();
        }
        assertTrue(strays.isEmpty(), "webhook paths spelled outside WebhookPaths: " + strays);
    }

    private static Stream<String> paths(Path file) {
        try {
            var matcher = TWILIO_PATH.matcher(Files.readString(file));
            return matcher.results().map(m -> file + ": " + m.group(1)).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
