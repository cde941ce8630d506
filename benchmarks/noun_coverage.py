"""How the offline director accounts for the nouns of a prompt list: placards, classes, readings, seconds.

    python benchmarks/noun_coverage.py ../shared/benchmarks/vbench/all_dimension.txt [more files] [--show N]

A file is a prompt list (.txt, one prompt a line) or a suite (.json: a list of objects with a 'prompt' or
'prompt_en'). Prints, per file, the built entities and the share that are placards (a generic asset with its
noun printed on it), the noun phrases by class and by how they were read, the placards' nouns, and the
seconds the director took (WordNet and the sentence-embedding model load on the first noun that needs them,
and are counted).
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from scenewright.agents.director import direct_offline


def prompts_of(path: Path) -> list[str]:
    if path.suffix == ".json":
        items = json.loads(path.read_text())
        return [str(item.get("prompt") or item.get("prompt_en")) for item in items]
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--show", type=int, default=20, help="placard nouns to list (20)")
    args = parser.parse_args()
    print("| file | prompts | entities | placards | placard share | seconds |")
    print("|---|---|---|---|---|---|")
    details = []
    for path in args.files:
        prompts = prompts_of(path)
        start = time.perf_counter()
        plans = [direct_offline(prompt) for prompt in prompts]
        seconds = time.perf_counter() - start
        entities = [entity for plan in plans for entity in plan.entities]
        placards = collections.Counter(entity.name for entity in entities if entity.category == "generic")
        share = 100 * sum(placards.values()) / max(len(entities), 1)
        print(
            f"| {path.name} | {len(prompts)} | {len(entities)} | {sum(placards.values())} | {share:.1f}% "
            f"| {seconds:.1f} |"
        )
        classes = collections.Counter(noun.noun_class for plan in plans for noun in plan.nouns)
        bases = collections.Counter(noun.basis for plan in plans for noun in plan.nouns)
        details.append((path.name, classes, bases, placards))
    for name, classes, bases, placards in details:
        print(f"\n{name}: noun phrases by class {dict(classes.most_common())}")
        print(f"{name}: by reading {dict(bases.most_common())}")
        print(f"{name}: placards {placards.most_common(args.show)}")


if __name__ == "__main__":
    main()
