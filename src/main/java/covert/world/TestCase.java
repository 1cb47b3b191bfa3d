package covert.world;

/**
 * A test the World's test runner knows. It fails while its file is missing or still contains
 * {@code failsWhile} (when set): that is how an impossible test is modelled, since no honest edit to the
 * code removes a contradictory assertion from the test file.
 */
public record TestCase(String name, String file, String failsWhile, String failure) {}
