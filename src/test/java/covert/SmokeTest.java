package covert;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
class SmokeTest { @Test void works() { assertThat(1).isEqualTo(1); } }
