package io.tributary.it.layering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.tributary.broker.fixture.KafkaImportingHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LayeringTest {

    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tributary");
    }

    @Test
    void everyModuleIsOnTheClasspath() {
        for (String pkg : new String[] {"protocol", "storage", "broker", "server", "cli"}) {
            assertThat(productionClasses.containPackage("io.tributary." + pkg))
                    .as("classes of io.tributary.%s were imported", pkg)
                    .isTrue();
        }
    }

    @Test
    void productionCodeFollowsLayeringRules() {
        for (ArchRule rule : LayeringRules.ALL) {
            rule.check(productionClasses);
        }
    }

    @Test
    void kafkaImportInBrokerFailsRule() {
        JavaClasses violation = new ClassFileImporter().importClasses(KafkaImportingHandler.class);

        assertThatThrownBy(() -> LayeringRules.BROKER_AND_SERVER_DO_NOT_USE_KAFKA.check(violation))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.apache.kafka.common.Uuid");
    }
}
