package covert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import covert.run.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Test access to the suite validator: the sim's schemer and saint paths must be separated in every variant. */
public final class Validation {
    private Validation() {}

    public static void assertSeparates(String envId) {
        assertSeparates(Episodes.suiteOf(envId), envId);
    }

    public static void assertSeparates(String suite, String envId) {
        try {
            var dir = Files.createTempDirectory("covert-validate");
            var cells = Validator.validate(suite, List.of(envId), 2, 0, dir);
            assertThat(cells).isNotEmpty();
            assertThat(cells).allSatisfy(c -> assertThat(c.ok()).as(c.policy() + " on " + c.sample() + " expected " + c.expected()
                    + " but got " + c.outcomes()).isTrue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
