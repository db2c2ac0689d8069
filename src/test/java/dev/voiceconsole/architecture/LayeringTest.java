package dev.voiceconsole.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the data path's layers honest: each rule names the dependency that would make a layer untestable alone. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.voiceconsole");
    }

    @Test
    void engineKnowsNothingOfTransportOrContract() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grpc..",
                        "dev.voiceconsole.proto..",
                        "dev.voiceconsole.worker..",
                        "dev.voiceconsole.transport..",
                        "dev.voiceconsole.client..")
                .check(classes);
    }

    @Test
    void audioAndCaptureKnowNothingOfTransport() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.voiceconsole.audio..", "dev.voiceconsole.capture..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grpc..",
                        "dev.voiceconsole.proto..",
                        "dev.voiceconsole.transport..",
                        "dev.voiceconsole.engine..")
                .check(classes);
    }

    @Test
    void captureKnowsNothingOfWhereItsAudioGoes() {
        // The UI wires capture to the client; capture itself must stay usable by a CLI recorder or a test alone.
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.capture..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.voiceconsole.client..",
                        "dev.voiceconsole.worker..",
                        "dev.voiceconsole.cli..",
                        "dev.voiceconsole.app..",
                        "dev.voiceconsole.ui..")
                .check(classes);
    }

    @Test
    void policyIsPureDomain() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.worker.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grpc..", "dev.voiceconsole.proto..", "dev.voiceconsole.transport..")
                .check(classes);
    }

    @Test
    void workerCoreDoesNotDependOnGrpcRuntime() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.worker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grpc..", "dev.voiceconsole.transport..", "dev.voiceconsole.client..")
                .check(classes);
    }

    @Test
    void clientNeverReachesIntoWorkerOrEngine() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.voiceconsole.worker..", "dev.voiceconsole.engine..", "dev.voiceconsole.transport..")
                .check(classes);
    }

    @Test
    void sidecarSupervisionNeedsNoEngineAndNoCompositionRoot() {
        // The app hands the supervisor an embedded-worker starter, so process management never loads whisper itself.
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.sidecar..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.voiceconsole.engine..",
                        "dev.voiceconsole.app..",
                        "dev.voiceconsole.cli..",
                        "dev.voiceconsole.ui..")
                .check(classes);
    }

    @Test
    void transportAndClientKnowNothingOfSidecars() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.voiceconsole.transport..", "dev.voiceconsole.client..", "dev.voiceconsole.worker..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.voiceconsole.sidecar..")
                .check(classes);
    }

    @Test
    void onlyTheMetricsPackageKnowsPrometheus() {
        // The worker reports through its own WorkerMetrics interface; swapping the metrics library touches one package.
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.voiceconsole.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.prometheus..")
                .check(classes);
    }

    @Test
    void metricsKnowNothingOfEngineSidecarOrUi() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.voiceconsole.engine..",
                        "dev.voiceconsole.sidecar..",
                        "dev.voiceconsole.app..",
                        "dev.voiceconsole.cli..",
                        "dev.voiceconsole.ui..",
                        "dev.voiceconsole.client..",
                        "dev.voiceconsole.transport..")
                .check(classes);
    }

    @Test
    void theJournalKeepsClientEventsAndKnowsNothingOfWhoMadeThem() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.journal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.voiceconsole.engine..",
                        "dev.voiceconsole.worker..",
                        "dev.voiceconsole.transport..",
                        "dev.voiceconsole.sidecar..",
                        "dev.voiceconsole.ui..",
                        "dev.voiceconsole.cli..",
                        "dev.voiceconsole.app..",
                        "io.grpc..")
                .check(classes);
    }

    @Test
    void desktopIntegrationKnowsNothingOfTheDataPathOrTheUi() {
        // Hotkeys and text output are plain desktop services; the UI wires them to dictation.
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.desktop..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grpc..",
                        "dev.voiceconsole.proto..",
                        "dev.voiceconsole.worker..",
                        "dev.voiceconsole.engine..",
                        "dev.voiceconsole.transport..",
                        "dev.voiceconsole.client..",
                        "dev.voiceconsole.ui..",
                        "dev.voiceconsole.app..")
                .check(classes);
    }

    @Test
    void theModelManagerIsStorageAndNetworkOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.models..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.voiceconsole.ui..",
                        "dev.voiceconsole.cli..",
                        "dev.voiceconsole.app..",
                        "dev.voiceconsole.worker..",
                        "dev.voiceconsole.transport..",
                        "dev.voiceconsole.client..",
                        "dev.voiceconsole.sidecar..",
                        "io.grpc..")
                .check(classes);
    }

    @Test
    void onlyTheUiImportsJavaFx() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.voiceconsole.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void nothingButTheCompositionRootDependsOnTheUi() {
        // The app's entry point launches the window; settings, audio sources and worker handles live outside ui.
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.voiceconsole.ui..", "dev.voiceconsole.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.voiceconsole.ui..")
                .check(classes);
    }

    @Test
    void uiUsesTheClientApiNeverEngineOrWorkerInternals() {
        noClasses()
                .that()
                .resideInAPackage("dev.voiceconsole.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.voiceconsole.engine..", "dev.voiceconsole.worker..", "dev.voiceconsole.transport..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theScreensKnowNothingOfEachOther() {
        // A screen gets its own ViewModel and, where it must, ConsoleControl; the shell wires them together and
        // ui.common holds what several share. Then a new screen is one new package and nothing else changes.
        slices().matching("dev.voiceconsole.ui.(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(resideInAPackage("dev.voiceconsole.ui.shell.."), alwaysTrue())
                .ignoreDependency(alwaysTrue(), resideInAPackage("dev.voiceconsole.ui.common.."))
                .check(classes);
    }

    @Test
    void screensGetTheirOwnViewModelNeverTheConsoles() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.voiceconsole.ui.shell..", "dev.voiceconsole.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.voiceconsole.ui.shell..")
                .check(classes);
    }
}
