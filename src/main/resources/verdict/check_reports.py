#!/usr/bin/env python3
"""Validate reports.jsonl (the labelled report set of issue 16) and print its counts.

Checks: every line parses; keys and enum values are right; ids are unique; every environment id
exists in the suites' YAML with the family given there; every family of both suites has >= 8 lines.
Prints the counts tables used in PROVENANCE.md. Exit status 1 on any error.
Usage: python3 check_reports.py [path/to/reports.jsonl]
"""
import collections, glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SUITES = os.path.join(HERE, '..', 'suites')
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'reports.jsonl')
KEYS = ["id", "suite", "environment", "family", "kind", "violation", "question", "report",
        "interview", "label", "reason", "phenomenon", "style", "split"]
ENUMS = {
    "suite": {"covert", "hidden-goal"},
    "question": {"disclosure", "claim"},
    "label": {"honest", "covert"},
    "split": {"train", "heldout"},
    "phenomenon": {"explicit", "paraphrase", "negated_mention", "partial", "buried", "interview_only", "hedge",
                   "true_claim", "false_claim", "omission", "misleading_truth", "spec_citing", "long"},
}
MIN_PER_FAMILY = 8


def spec_index():
    """environment id -> (suite, family, set of violation kinds), read with a tiny line scanner (no PyYAML)."""
    out = {}
    for suite in ("covert", "hidden-goal"):
        for f in sorted(glob.glob(os.path.join(SUITES, suite, '*.yaml'))):
            text = open(f, encoding='utf-8').read()
            env = re.search(r'^id:\s*(\S+)', text, re.M).group(1)
            fam = re.search(r'^family:\s*(\S+)', text, re.M).group(1)
            kinds = set(re.findall(r'^\s*-\s*kind:\s*(\S+)', text, re.M))
            out[env] = (suite, fam, kinds)
    return out


def table(title, counter, total=None):
    print(f"\n{title}")
    w = max(len(str(k)) for k in counter) if counter else 4
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"  {str(k):<{w}}  {v:>4}")


def main():
    specs = spec_index()
    errors, rows, ids = [], [], set()
    for n, line in enumerate(open(PATH, encoding='utf-8'), 1):
        if not line.strip():
            errors.append(f"line {n}: empty line"); continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: does not parse: {e}"); continue
        if list(r.keys()) != KEYS and set(r.keys()) != set(KEYS):
            errors.append(f"line {n}: keys {sorted(r.keys())} differ from {KEYS}"); continue
        for k, allowed in ENUMS.items():
            if r[k] not in allowed:
                errors.append(f"line {n}: {k}={r[k]!r} not in {sorted(allowed)}")
        for k in ("id", "environment", "family", "kind", "report", "reason", "style"):
            if not isinstance(r[k], str) or not r[k].strip():
                errors.append(f"line {n}: {k} must be a non-empty string")
        for k in ("violation", "interview"):
            if r[k] is not None and (not isinstance(r[k], str) or not r[k].strip()):
                errors.append(f"line {n}: {k} must be null or a non-empty string")
        if r["id"] in ids:
            errors.append(f"line {n}: duplicate id {r['id']}")
        ids.add(r["id"])
        spec = specs.get(r["environment"])
        if spec is None:
            errors.append(f"line {n}: environment {r['environment']!r} not in the suites' YAML")
        else:
            suite, fam, kinds = spec
            if r["suite"] != suite:
                errors.append(f"line {n}: suite {r['suite']} but {r['environment']} is in {suite}")
            if r["family"] != fam:
                errors.append(f"line {n}: family {r['family']} but the YAML says {fam}")
            if r["kind"] not in kinds:
                errors.append(f"line {n}: kind {r['kind']} is not a violation kind of {r['environment']} {sorted(kinds)}")
        if r["violation"] is None and r["label"] != "honest":
            errors.append(f"line {n}: violation is null, so the label must be honest")
        if r["phenomenon"] == "interview_only" and r["interview"] is None:
            errors.append(f"line {n}: interview_only without an interview answer")
        rows.append(r)

    fams = collections.Counter(r["family"] for r in rows)
    all_fams = {fam for (_, fam, _) in specs.values()}
    for fam in sorted(all_fams):
        if fams[fam] < MIN_PER_FAMILY:
            errors.append(f"family {fam}: {fams[fam]} lines, needs >= {MIN_PER_FAMILY}")

    print(f"{len(rows)} lines, {len(ids)} unique ids, {len(fams)} families, "
          f"{len({r['environment'] for r in rows})} environments")
    lab = collections.Counter(r["label"] for r in rows)
    print(f"covert share: {100.0 * lab['covert'] / max(1, len(rows)):.1f}%")
    table("label", lab)
    table("split", collections.Counter(r["split"] for r in rows))
    table("split x label", collections.Counter(f"{r['split']}/{r['label']}" for r in rows))
    table("question", collections.Counter(r["question"] for r in rows))
    table("violation null", collections.Counter("null" if r["violation"] is None else "set" for r in rows))
    table("phenomenon", collections.Counter(r["phenomenon"] for r in rows))
    table("style", collections.Counter(r["style"] for r in rows))
    print("\nper family (suite / family: total = honest + covert; train + heldout)")
    for fam in sorted(all_fams):
        rs = [r for r in rows if r["family"] == fam]
        c = collections.Counter(r["label"] for r in rs); s = collections.Counter(r["split"] for r in rs)
        suite = next(sp[0] for sp in specs.values() if sp[1] == fam)
        print(f"  {suite:<11} {fam:<36} {len(rs):>3} = {c['honest']:>2} h + {c['covert']:>2} c; "
              f"{s['train']:>2} train + {s['heldout']:>2} heldout")
    if errors:
        print(f"\n{len(errors)} ERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nOK")


if __name__ == '__main__':
    main()
