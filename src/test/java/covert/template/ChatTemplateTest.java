package covert.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import covert.UserError;

class ChatTemplateTest {
    /** The date reference/generate.py pins strftime_now to. */
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);
    private static final String REFERENCE = "/covert/template/reference/";
    private static final List<String> TEMPLATES = List.of("qwen2.5", "qwen3", "llama3.1", "deepseek-r1", "gpt-oss");

    record Case(List<Map<String, Object>> messages, List<Map<String, Object>> tools, boolean addGenerationPrompt) {}

    static Map<String, Map<String, Object>> cases() throws IOException {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream(REFERENCE + "cases.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<>() {});
        }
    }

    @SuppressWarnings("unchecked")
    static Case parse(Map<String, Object> raw) {
        return new Case((List<Map<String, Object>>) raw.get("messages"), (List<Map<String, Object>>) raw.get("tools"),
                (Boolean) raw.get("add_generation_prompt"));
    }

    static String reference(String template, String caseName) throws IOException {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream(REFERENCE + template + "__" + caseName + ".txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Arguments> renderings() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String template : TEMPLATES) {
            for (var entry : cases().entrySet()) {
                if (reference(template, entry.getKey()) != null) all.add(Arguments.of(template, entry.getKey()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderings")
    void rendersExactlyAsTransformers(String template, String caseName) throws IOException {
        Case c = parse(cases().get(caseName));
        String rendered = ChatTemplate.builtIn(template).withClock(FIXED).render(c.messages(), c.tools(), c.addGenerationPrompt());
        assertThat(rendered).isEqualTo(reference(template, caseName));
    }

    @Test
    void everyTemplateHasReferenceRenderings() throws IOException {
        for (String template : TEMPLATES) {
            assertThat(reference(template, "system_user")).as(template).isNotNull();
            assertThat(reference(template, "reasoning_final_turn")).as(template).isNotNull();
        }
        assertThat(renderings().count()).isGreaterThanOrEqualTo(38);
    }

    @Test
    void pythonBehavioursTemplatesRelyOn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("py.jinja");
        Files.writeString(file, "{{ x | tojson(separators=(',', ':')) }}|{% generation %}{{ 'a b  c'.split() | join('-') }}{% endgeneration %}"
                + "|{{ 'x</think>'.split('</think>') | length }}|{{ '<<a>>'.strip('<>') }}|{% if 'ab'.startswith(('x', 'a')) %}yes{% endif %}"
                + "|{% for m in xs[::-1] %}{{ m }}{% endfor %}|{{ 1.5 | tojson }}|{{ s | tojson }}");
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("a", List.of(1, 2));
        x.put("b", null);
        x.put("c", true);
        String rendered = ChatTemplate.load(file.toString()).render(List.of(), null, false, Map.of("x", x, "xs", List.of(1, 2, 3), "s", "é\u0001\n"));
        // expected text printed by jinja2 3.1.6 in generate.py's environment for the same template and values
        assertThat(rendered).isEqualTo("{\"a\":[1,2],\"b\":null,\"c\":true}|a-b-c|2|a|yes|321|1.5|\"é\\u0001\\n\"");
    }

    private static List<Map<String, Object>> conversation() throws IOException {
        return parse(cases().get("system_user")).messages();
    }

    @Test
    void qwen3ContinuationOpensThinkAfterTheGenerationPrompt() throws IOException {
        ChatTemplate qwen3 = ChatTemplate.builtIn("qwen3");
        String prompt = qwen3.continuation(conversation(), null, "Let me check the rules.");
        assertThat(prompt).isEqualTo(reference("qwen3", "system_user") + "<think>\nLet me check the rules.");
        assertThat(qwen3.reasoningFormat()).isEqualTo(new ReasoningFormat.ThinkTags(Optional.of("reasoning_content")));
    }

    @Test
    void deepSeekContinuationReusesTheThinkTagItsPromptAlreadyOpens() throws IOException {
        String prompt = ChatTemplate.builtIn("deepseek-r1").continuation(conversation(), null, "Let me check.");
        assertThat(prompt).isEqualTo(reference("deepseek-r1", "system_user") + "Let me check.");
        assertThat(prompt).endsWith("<｜Assistant｜><think>\nLet me check.").containsOnlyOnce("<think>");
    }

    @Test
    void gptOssContinuationOpensTheAnalysisChannel() throws IOException {
        String prompt = ChatTemplate.builtIn("gpt-oss").withClock(FIXED).continuation(conversation(), null, "The user wants");
        assertThat(prompt).isEqualTo(reference("gpt-oss", "system_user") + "<|channel|>analysis<|message|>The user wants");
        assertThat(ChatTemplate.builtIn("gpt-oss").reasoningFormat().field()).contains("thinking");
    }

    @Test
    void placingReasoningPutsItWhereEachTemplateReadsIt() {
        Map<String, Object> answer = Map.of("role", "assistant", "content", "Done.");
        assertThat(ChatTemplate.builtIn("qwen3").reasoningFormat().place(answer, "why")).containsEntry("reasoning_content", "why");
        assertThat(ChatTemplate.builtIn("gpt-oss").reasoningFormat().place(answer, "why")).containsEntry("thinking", "why");
        assertThat(ChatTemplate.builtIn("deepseek-r1").reasoningFormat().place(answer, "why"))
                .containsEntry("content", "<think>\nwhy\n</think>\n\nDone.");
        assertThat(ChatTemplate.builtIn("llama3").reasoningFormat().place(answer, "why")).isEqualTo(answer);
    }

    @Test
    void templateWithoutReasoningSectionRefusesAPrefixInOneLine() throws IOException {
        assertThatThrownBy(() -> ChatTemplate.builtIn("llama3.1").continuation(conversation(), null, "x"))
                .isInstanceOf(UserError.class).hasMessageContaining("no reasoning section").hasMessageNotContaining("\n");
        assertThat(ChatTemplate.builtIn("qwen2.5").reasoningFormat().hasReasoning()).isFalse();
    }

    @Test
    void raiseExceptionBecomesAOneLineUserError() {
        List<Map<String, Object>> twoCalls = List.of(Map.of("role", "user", "content", "hi"),
                Map.of("role", "assistant", "content", "", "tool_calls", List.of(
                        Map.of("type", "function", "function", Map.of("name", "a", "arguments", Map.of())),
                        Map.of("type", "function", "function", Map.of("name", "b", "arguments", Map.of())))));
        assertThatThrownBy(() -> ChatTemplate.builtIn("llama3.1").render(twoCalls, null, false))
                .isInstanceOf(UserError.class)
                .hasMessage("the chat template rejected the messages: This model only supports single tool-calls at once!");
    }

    @Test
    void loadsTokenizerConfigWithNamedTemplatesAndTokenObjects(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(config, """
                {"bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>",
                 "chat_template": [{"name": "tool_use", "template": "T"},
                                   {"name": "default", "template": "{{ bos_token }}{% for m in messages %}[{{ m.content }}]{% endfor %}{{ eos_token }}"}]}
                """);
        ChatTemplate template = ChatTemplate.load(config.toString());
        assertThat(template.render(List.of(Map.of("role", "user", "content", "hi")), null, true)).isEqualTo("<s>[hi]</s>");
        assertThat(template.reasoningFormat().hasReasoning()).isFalse();
    }

    @Test
    void loadsAJinjaFileAndDetectsItsReasoningSection(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.jinja");
        Files.writeString(file, "{% for m in messages %}{{ m.content }}{% endfor %}{% if add_generation_prompt %}<think>\n{% endif %}");
        ChatTemplate template = ChatTemplate.load(file.toString());
        assertThat(template.continuation(List.of(Map.of("role", "user", "content", "q")), null, "p")).isEqualTo("q<think>\np");
    }

    @Test
    void badInputGivesOneLineErrors(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ChatTemplate.load(dir.resolve("missing.jinja").toString()))
                .isInstanceOf(UserError.class).hasMessageStartingWith("chat template file not found");
        Path bad = dir.resolve("tokenizer_config.json");
        Files.writeString(bad, "{\"chat_template\": ");
        assertThatThrownBy(() -> ChatTemplate.load(bad.toString()))
                .isInstanceOf(UserError.class).hasMessageContaining("is not valid JSON").hasMessageNotContaining("\n");
        Path none = dir.resolve("other.json");
        Files.writeString(none, "{\"eos_token\": \"</s>\"}");
        assertThatThrownBy(() -> ChatTemplate.load(none.toString())).isInstanceOf(UserError.class).hasMessageContaining("no chat_template");
        assertThatThrownBy(() -> ChatTemplate.load("qwen9")).isInstanceOf(UserError.class);
    }
}
