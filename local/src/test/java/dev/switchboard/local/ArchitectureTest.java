package dev.switchboard.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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

    @Test
    void noPackageDependsOnAnotherThatDependsOnIt() {
        slices().matching("dev.switchboard.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void sharedCodeNeverDependsOnAFunctionOrTheLocalStack() {
        noClasses().that().resideInAPackage("dev.switchboard.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.api..",
                        "dev.switchboard.voice..", "dev.switchboard.messaging..", "dev.switchboard.events..",
                        "dev.switchboard.media..", "dev.switchboard.local..")
                .check(MAIN);
    }

    @Test
    void theKitTheCapabilitiesShareKnowsNoneOfThem() {
        noClasses().that().resideInAnyPackage("dev.switchboard.shared.lambda..", "dev.switchboard.shared.webhook..",
                        "dev.switchboard.shared.store..", "dev.switchboard.shared.json..", "dev.switchboard.shared.log..",
                        "dev.switchboard.shared.config..", "dev.switchboard.shared.crypto..",
                        "dev.switchboard.shared.queue..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.shared.calls..",
                        "dev.switchboard.shared.voice..", "dev.switchboard.shared.messaging..",
                        "dev.switchboard.shared.events..", "dev.switchboard.shared.apikeys..")
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
}
