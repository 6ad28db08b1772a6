package dev.weft.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package structure holds: top-level packages (features) depend on each other without a
 * cycle, the engine stays free of Spring and SQL, the cross-cutting HTTP package knows no
 * feature, and callers use the run store's port rather than its implementation.
 */
class ModuleStructureTest {

    private static final JavaClasses WEFT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weft");

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching("dev.weft.(*)..").should().beFreeOfCycles().check(WEFT);
    }

    @Test
    void theEngineUsesNeitherSpringNorSql() {
        noClasses().that().resideInAPackage("dev.weft.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(WEFT);
    }

    @Test
    void theHttpEdgeKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.weft.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.weft.(*)..")
                .andShould().dependOnClassesThat().resideOutsideOfPackages("dev.weft.api..", "dev.weft.common..",
                        "java..", "javax..", "jakarta..", "org..", "tools..", "io..", "com..")
                .check(WEFT);
    }

    @Test
    void callersUseTheRunStorePortNotItsImplementation() {
        noClasses().that().resideOutsideOfPackage("dev.weft.store..")
                .should().dependOnClassesThat().haveSimpleName("JdbcRunStore")
                .check(WEFT);
    }

    @Test
    void workersReportThroughTheRunsPortNotTheCoordinator() {
        noClasses().that().resideInAPackage("dev.weft.dispatch..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.weft.runs.RunCoordinator")
                .check(WEFT);
    }

    @Test
    void onlyTheWebEdgeThrowsHttpProblems() {
        noClasses().that().resideOutsideOfPackages("..web..", "dev.weft.api..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.weft.api.ApiProblem")
                .check(WEFT);
    }
}
