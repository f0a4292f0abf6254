package dev.thermocline.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The domain stays pure: nothing in core may reach for Flink, Iceberg, Kafka or Hadoop. */
class CoreHasNoFrameworkDependenciesTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.thermocline.core");

    private static ArchRule mustNotDependOn(String... packages) {
        return noClasses().that().resideInAPackage("dev.thermocline.core..")
                .should().dependOnClassesThat().resideInAnyPackage(packages);
    }

    @Test
    void coreDependsOnNoFramework() {
        mustNotDependOn("org.apache.flink..", "org.apache.iceberg..", "org.apache.kafka..", "org.apache.hadoop..")
                .check(CORE);
    }

    @Test
    void theRuleSeesCoresRealDependencies() {
        // guards against a vacuous pass: the import found the production classes, and the same rule
        // does fail on a package core really uses
        assertThat(CORE.contain("dev.thermocline.core.reconstruct.ChangeApplier")).isTrue();
        assertThatThrownBy(() -> mustNotDependOn("java.time..").check(CORE)).isInstanceOf(AssertionError.class);
    }
}
