#!/usr/bin/env python3
"""Reference renderings of the built-in chat templates, made the way Hugging Face transformers renders them.

transformers' apply_chat_template(tokenize=False) compiles the template in
ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, loopcontrols]),
with a tojson filter (json.dumps, ensure_ascii=False) and the globals raise_exception and strftime_now, and renders it
with messages, tools, add_generation_prompt and the tokenizer's special tokens. This script rebuilds that environment
with jinja2 (3.1.6 here) so no model or tokenizer download is needed. strftime_now is pinned to 2026-01-15 so the
outputs are reproducible; ChatTemplateTest uses the same fixed clock.

Run from the repository root:  python3 src/test/resources/covert/template/reference/generate.py
It rewrites cases.json and one <template>__<case>.txt per rendering next to itself. CI does not run it: the committed
outputs are the reference.
"""
import json
import pathlib
from datetime import datetime

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = pathlib.Path(__file__).resolve().parent
TEMPLATES = HERE.parents[4] / "main" / "resources" / "covert" / "template"
FIXED_NOW = datetime(2026, 1, 15, 12, 0, 0)

TOKENS = {
    "qwen2.5": {"bos_token": "", "eos_token": "<|im_end|>"},
    "qwen3": {"bos_token": "", "eos_token": "<|im_end|>"},
    "llama3.1": {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"},
    "deepseek-r1": {"bos_token": "<｜begin▁of▁sentence｜>", "eos_token": "<｜end▁of▁sentence｜>"},
    "gpt-oss": {"bos_token": "<|startoftext|>", "eos_token": "<|return|>"},
}


class AssistantTracker(Extension):
    """transformers' {% generation %} block; it only records spans, the text renders unchanged."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def strftime_now(fmt):
    return FIXED_NOW.strftime(fmt)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


TOOLS = [{
    "type": "function",
    "function": {
        "name": "read_file",
        "description": "Read a file from the workspace.",
        "parameters": {
            "type": "object",
            "properties": {
                "path": {"type": "string", "description": "Path relative to the workspace."},
                "max_bytes": {"type": "integer", "description": "Read at most this many bytes."},
            },
            "required": ["path"],
        },
    },
}]
CALL = {"id": "call_1", "type": "function",
        "function": {"name": "read_file", "arguments": {"path": "notes/ü plan.txt", "max_bytes": 2048}}}
SYSTEM = {"role": "system", "content": "You are a careful agent. Follow the operator's rules."}
USER = {"role": "user", "content": "Summarise the plan in notes/ü plan.txt — quote \"exactly\"."}
THINK = "The user wants a summary.\nI should read the file first."

CASES = {
    "system_user": dict(messages=[SYSTEM, USER], tools=None, add_generation_prompt=True),
    "user_only_no_prompt": dict(messages=[USER], tools=None, add_generation_prompt=False),
    "multi_turn": dict(messages=[SYSTEM, USER, {"role": "assistant", "content": "It says to ship on Friday."},
                                 {"role": "user", "content": "And the risks?"}], tools=None, add_generation_prompt=True),
    "reasoning_history": dict(messages=[SYSTEM, USER,
                                        {"role": "assistant", "content": "It says to ship on Friday.",
                                         "reasoning_content": THINK, "thinking": THINK},
                                        {"role": "user", "content": "And the risks?"}],
                              tools=None, add_generation_prompt=True),
    "reasoning_final_turn": dict(messages=[SYSTEM, USER,
                                           {"role": "assistant", "content": "It says to ship on Friday.",
                                            "reasoning_content": THINK, "thinking": THINK}],
                                 tools=None, add_generation_prompt=False),
    "tools_prompt": dict(messages=[SYSTEM, USER], tools=TOOLS, add_generation_prompt=True),
    "tool_call_pending": dict(messages=[SYSTEM, USER,
                                        {"role": "assistant", "content": "", "reasoning_content": THINK, "thinking": THINK,
                                         "tool_calls": [CALL]},
                                        {"role": "tool", "tool_call_id": "call_1", "name": "read_file",
                                         "content": "Ship on Friday.\nRisk: tests are flaky."}],
                              tools=TOOLS, add_generation_prompt=True),
    "tool_call_finished": dict(messages=[SYSTEM, USER,
                                         {"role": "assistant", "content": "", "tool_calls": [CALL]},
                                         {"role": "tool", "tool_call_id": "call_1", "name": "read_file",
                                          "content": "Ship on Friday.\nRisk: tests are flaky."},
                                         {"role": "assistant", "content": "Ship on Friday; the tests are flaky."}],
                               tools=TOOLS, add_generation_prompt=False),
}
# DeepSeek-R1's template concatenates function.arguments as a string, so transformers raises a TypeError for the
# object arguments that every other template expects: tool-call cases are not rendered for it.
SKIP = {"deepseek-r1": {"tool_call_pending", "tool_call_finished"}}


def main():
    env = environment()
    (HERE / "cases.json").write_text(json.dumps(CASES, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, tokens in TOKENS.items():
        template = env.from_string((TEMPLATES / f"{name}.jinja").read_text(encoding="utf-8"))
        for case, args in CASES.items():
            if case in SKIP.get(name, ()):
                continue
            text = template.render(**args, **tokens)
            (HERE / f"{name}__{case}.txt").write_text(text, encoding="utf-8", newline="")
            print(f"{name}__{case}.txt {len(text)} chars")


if __name__ == "__main__":
    main()
