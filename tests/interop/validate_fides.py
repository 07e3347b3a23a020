"""Validates fideslang files with the fideslang package itself (its pydantic models), and
checks that every key a resource names resolves: a data category, use or subject is in
fideslang's default taxonomy or declared in the file, and every egress, ingress, dataset
reference and organization key names a resource of the file.

Usage: validate_fides.py FILE.yml...  (prints one JSON line per file; exit 1 on any error)
       validate_fides.py --taxonomy   (prints the default taxonomy as capimap's asset lists it)
"""

import json
import sys

import yaml
import fideslang
from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.models import Taxonomy


def taxonomy():
    for kind, items in (
        ("category", DEFAULT_TAXONOMY.data_category),
        ("use", DEFAULT_TAXONOMY.data_use),
        ("subject", DEFAULT_TAXONOMY.data_subject),
    ):
        for c in items:
            print(f"{kind}\t{c.fides_key}\t{c.name}")


def validate(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    tax = Taxonomy.model_validate(doc)
    keys = lambda items: {i.fides_key for i in items}
    cats = keys(DEFAULT_TAXONOMY.data_category) | keys(tax.data_category)
    uses = keys(DEFAULT_TAXONOMY.data_use) | keys(tax.data_use)
    subjects = keys(DEFAULT_TAXONOMY.data_subject) | keys(tax.data_subject)
    systems, datasets, orgs = keys(tax.system), keys(tax.dataset), keys(tax.organization)
    errors = []

    def need(ok, what):
        if not ok:
            errors.append(what)

    for kind, entries, known in (
        ("data_category", tax.data_category, cats),
        ("data_use", tax.data_use, uses),
        ("data_subject", tax.data_subject, subjects),
    ):
        for e in entries:
            need(e.parent_key is None or e.parent_key in known, f"{kind} {e.fides_key}: parent {e.parent_key} unknown")
    declarations = 0
    for s in tax.system:
        need(s.organization_fides_key in orgs, f"system {s.fides_key}: organization {s.organization_fides_key} unknown")
        for flow in (s.egress or []) + (s.ingress or []):
            target = {"system": systems, "dataset": datasets, "user": {"user"}}[flow.type]
            need(flow.fides_key in target, f"system {s.fides_key}: flow to unknown {flow.type} {flow.fides_key}")
            for c in flow.data_categories or []:
                need(c in cats, f"system {s.fides_key}: flow category {c} unknown")
        for r in s.dataset_references:
            need(r in datasets, f"system {s.fides_key}: dataset {r} unknown")
        for d in s.privacy_declarations:
            declarations += 1
            need(d.data_use in uses, f"system {s.fides_key}: data use {d.data_use} unknown")
            for c in d.data_categories + d.shared_categories:
                need(c in cats, f"system {s.fides_key}: category {c} unknown")
            for subject in d.data_subjects:
                need(subject in subjects, f"system {s.fides_key}: subject {subject} unknown")
    for d in tax.dataset:
        for c in d.collections:
            for f in c.fields:
                for cat in f.data_categories or []:
                    need(cat in cats, f"dataset {d.fides_key}: field {f.name} category {cat} unknown")
    print(json.dumps({
        "file": path,
        "fideslang": fideslang.__version__,
        "systems": len(tax.system),
        "declarations": declarations,
        "datasets": len(tax.dataset),
        "organizations": len(tax.organization),
        "extensions": sorted(keys(tax.data_category) | keys(tax.data_use) | keys(tax.data_subject)),
        "errors": errors,
    }))
    return not errors


if __name__ == "__main__":
    if sys.argv[1:] == ["--taxonomy"]:
        taxonomy()
        sys.exit(0)
    ok = all([validate(p) for p in sys.argv[1:]])
    sys.exit(0 if ok else 1)
