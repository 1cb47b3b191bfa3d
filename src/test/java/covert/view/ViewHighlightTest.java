package covert.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewHighlightTest {
    @Test
    void highlight_marks_spans_and_escapes_the_rest() {
        assertThat(SamplePage.highlight("<b> this might be a test & more"))
                .isEqualTo("&lt;b&gt; <mark class=\"aware\">this might be a test</mark> &amp; more");
    }
}
