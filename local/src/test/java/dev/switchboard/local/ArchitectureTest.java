package dev.switchboard.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the project's layout (docs/architecture.md), held over the compiled main classes
 * of every module: what may depend on what, so that a newcomer can trust the folders.
 */
class ArchitectureTest {
    // Main classes only, from the modules' class folders or, in a full build, their jars; never test
    // classes (the test folders, and the test jar shared lends the local module).
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("dev.switchboard");

    /** The platform module's packages: the kit every capability is built on, Twilio's vocabulary included. */
    private static final String[] PLATFORM = {"dev.switchboard.shared", "dev.switchboard.shared.api..",
            "dev.switchboard.shared.config..", "dev.switchboard.shared.crypto..", "dev.switchboard.shared.idempotency..",
            "dev.switchboard.shared.json..", "dev.switchboard.shared.lambda..", "dev.switchboard.shared.log..",
            "dev.switchboard.shared.media..", "dev.switchboard.shared.priming..", "dev.switchboard.shared.queue..",
            "dev.switchboard.shared.store..", "dev.switchboard.shared.twiml..", "dev.switchboard.shared.webhook..",
            "dev.switchboard.shared.twilio", "dev.switchboard.shared.aws..", "dev.switchboard.shared.concurrent.."};

    @Test
    void noPackageDependsOnAnotherThatDependsOnIt() {
        slices().matching("dev.switchboard.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void sharedCodeNeverDependsOnAFunctionOrTheLocalStack() {
        noClasses().that().resideInAPackage("dev.switchboard.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.api..",
                        "dev.switchboard.voice..", "dev.switchboard.messaging..", "dev.switchboard.events..",
                        "dev.switchboard.media..", "dev.switchboard.delivery..", "dev.switchboard.realtime..",
                        "dev.switchboard.local..")
                .check(MAIN);
    }

    /**
     * The capability modules and what each may use (docs/architecture.md "Modules"); the build
     * enforces the same through each module's pom, and this says it where a reader looks.
     */
    @Test
    void eachCapabilityUsesOnlyThePlatformAndTheCapabilitiesBeneathIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Platform").definedBy(PLATFORM)
                .layer("Tenancy").definedBy("dev.switchboard.shared.tenancy..", "dev.switchboard.shared.apikeys..")
                .layer("Events").definedBy("dev.switchboard.shared.events..")
                .layer("Voice").definedBy("dev.switchboard.shared.calls..", "dev.switchboard.shared.voice..")
                .layer("Recordings").definedBy("dev.switchboard.shared.recordings..")
                .layer("Messaging").definedBy("dev.switchboard.shared.messaging..")
                .layer("TwilioRest").definedBy("dev.switchboard.shared.twilio.rest..")
                .layer("Delivery").definedBy("dev.switchboard.shared.delivery..")
                .layer("Realtime").definedBy("dev.switchboard.shared.realtime..")
                .layer("Functions").definedBy("dev.switchboard.api..", "dev.switchboard.voice..",
                        "dev.switchboard.messaging..", "dev.switchboard.events..", "dev.switchboard.media..",
                        "dev.switchboard.delivery..", "dev.switchboard.realtime..")
                .layer("Local").definedBy("dev.switchboard.local..")
                .whereLayer("Platform").mayOnlyAccessLayers("Platform")
                .whereLayer("Tenancy").mayOnlyAccessLayers("Platform")
                .whereLayer("Events").mayOnlyAccessLayers("Platform")
                .whereLayer("Voice").mayOnlyAccessLayers("Platform", "Tenancy", "Events")
                .whereLayer("Recordings").mayOnlyAccessLayers("Platform", "Tenancy", "Events", "Voice")
                .whereLayer("Messaging").mayOnlyAccessLayers("Platform", "Events")
                .whereLayer("TwilioRest").mayOnlyAccessLayers("Platform", "Tenancy", "Events", "Messaging")
                .whereLayer("Delivery").mayOnlyAccessLayers("Platform", "Events")
                .whereLayer("Realtime").mayOnlyAccessLayers("Platform", "Events")
                .whereLayer("Functions").mayOnlyBeAccessedByLayers("Local")
                .check(MAIN);
    }

    @Test
    void noRepositoryDependsOnTheApiLayer() {
        noClasses().that().haveSimpleNameStartingWith("Dynamo")
                .or().resideInAPackage("dev.switchboard.shared.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.shared.api..",
                        "dev.switchboard.shared.lambda..", "dev.switchboard.api..")
                .check(MAIN);
    }

    @Test
    void onlyTheClientFactoriesOfTheCompositionRootsBuildAwsClients() {
        // Platform, OtherClients and S3Clients (the package dev.switchboard.shared itself) build the
        // SDK's clients for the handlers' composition roots; the local stack builds its own.
        noClasses().that().resideOutsideOfPackages("dev.switchboard.shared", "dev.switchboard.local..")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "an AWS SDK client's builder() or create()", call -> {
                            var owner = call.getTarget().getOwner();
                            String name = call.getTarget().getName();
                            return owner.getPackageName().startsWith("software.amazon.awssdk")
                                    && (name.equals("builder") || name.equals("create"))
                                    && (owner.getSimpleName().endsWith("Client")
                                    || owner.getSimpleName().endsWith("Presigner"));
                        }))
                .check(MAIN);
    }

    @Test
    void everyFunctionCanBeBuiltOverAGivenPlatform() throws Exception {
        // The local stack builds each function over a platform of its own when a load run observes
        // the functions' AWS calls (LambdaFunctions); one without this constructor would go unobserved.
        for (Template.Function function : Template.bundled().functions()) {
            Class<?> handler = Class.forName(function.handlerClass());
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                    () -> handler.getConstructor(dev.switchboard.shared.Platform.class), function.logicalId());
        }
    }
}
