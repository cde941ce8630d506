"""Unknown nouns read by meaning against labels, over a sweep of nouns.NEAREST_MIN_SIMILARITY.

    python benchmarks/noun_reading.py [--show 15]

tools/language/nouns.py reads a noun the lexicon does not know: a typo, no thing by its form, the nearest
known word by meaning when at least NEAREST_MIN_SIMILARITY near, else a placard. The nouns below were written
for this benchmark: none is a word the lexicon knows or files under a class (nouns' anchors), and none occurs
in ../shared/benchmarks (checked with grep when they were written). Each is labelled with its class and what
a person would accept it read as: for a thing, the catalog categories that would do as a stand-in ('chalice'
-> cup, wine glass, vase), none when no category would do (then a placard is the right reading); for a
setting its environments; for an effect the weather or light effects. A part, material or word that is no
thing is right by its class alone. A noun the lexicon has learnt since is left out, with a line naming it;
a category the catalog gains later may deserve a place in labels (trumpet, drum kit, game controller have).

The nouns split in two halves by a fixed rule: within each class, in alphabetical order, the first noun goes
to the tuning half, the next to the test half, and so on. For each threshold, 0.400 to 0.750 by 0.025, every
noun is read anew (nearest_by_meaning's cache cleared) and each half scores, as a share of its nouns:
- read: the class right and, for a thing, setting or effect, what it stands for accepted (a thing with no
  acceptable category: a placard);
- class: the class right (a placard is a thing);
- thing: the 'read' score over the nouns labelled a thing;
- placard: read as a placard;
- wrong: read as a category that is not accepted (a wrong stand-in, for any labelled class).
The threshold picked is the best tuning 'read' (ties: fewer tuning wrong stand-ins, then the higher
threshold); the test half's figures at it, and at today's threshold, are the measurement. The nouns are
embedded once, in one batch, and nouns.py is answered from it at every threshold (a word's vector in a batch
matches its vector alone to float rounding).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

import torch
from torch import Tensor

from scenewright.schema import Environment, NounClass
from scenewright.tools import embedding
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language import nouns as nn
from scenewright.tools.scene.catalog import CATEGORIES

THRESHOLDS = [round(0.4 + 0.025 * step, 3) for step in range(15)]

# ------------------------------------------------------------------------------------ labelled nouns
# 'noun: accepted, accepted; noun: ...'; a thing with nothing after its colon has no stand-in (a placard).

LABELLED: dict[NounClass, str] = {
    "thing": (
        "chalice: cup, wine glass, vase; tankard: cup; flask: bottle; jug: bottle, vase, teapot, pot; "
        "kettle: teapot, pot; ladle: spoon; spatula: spoon; skillet: pot; saucepan: pot; "
        "cauldron: pot, bucket; colander: bowl, pot; platter: plate; saucer: plate; "
        "tumbler: cup, wine glass; decanter: bottle, vase; canteen: bottle; futon: sofa, bed; cot: bed; "
        "crib: bed; cradle: bed; cabinet: wardrobe; locker: wardrobe; sconce: lamp; "
        "flashlight: lamp, lantern; candelabra: candle, lamp; tapestry: painting, curtain; "
        "mural: painting, wall; kiln: oven; dishwasher: washing machine, oven; "
        "typewriter: keyboard, laptop; calculator: cell phone, remote; joystick: remote, game controller; "
        "quill: pen, pencil; crayon: pencil, pen; encyclopedia: book; satchel: backpack, handbag; "
        "briefcase: suitcase, handbag; beret: hat; bonnet: hat; sandal: shoe, boot; slipper: shoe; "
        "clog: shoe; moccasin: shoe; loafer: shoe; cravat: tie; bowtie: tie; hourglass: clock; "
        "stopwatch: clock; wristwatch: clock; sundial: clock; jukebox: vending machine; "
        "monitor: television, laptop; boomerang: frisbee; dagger: knife, sword; machete: sword, knife; "
        "scimitar: sword; rapier: sword; cutlass: sword; cleaver: knife; scalpel: knife; obelisk: tower; "
        "minaret: tower; steeple: tower, church; turret: tower, castle; igloo: house, tent; "
        "citadel: castle; teepee: tent; yurt: tent; aqueduct: bridge; viaduct: bridge; pebble: rock; "
        "manatee: seal, dolphin; narwhal: dolphin; stingray: fish; eel: fish; shrimp: crab, fish; "
        "slug: snail; warthog: pig; koala: bear, teddy bear; baguette: bread; croissant: bread; "
        "bagel: donut, bread; muffin: cake; cupcake: cake; pretzel: bread, cookie; taco: sandwich, burger; "
        "burrito: sandwich, hot dog; omelette: egg; apricot: orange, apple; nectarine: apple, orange; "
        "mango: orange, apple; raspberry: grapes; blueberry: grapes; plantain: banana; parsnip: carrot; "
        "cauliflower: broccoli; kale: broccoli; lettuce: broccoli; bun: bread; scone: bread, cookie; "
        "cracker: cookie; brownie: cake, cookie; cheesecake: cake; popsicle: ice cream; sundae: ice cream; "
        "sorbet: ice cream; bratwurst: hot dog; sausage: hot dog; panini: sandwich; sashimi: sushi; "
        "calzone: pizza, bread; violin: guitar; cello: guitar; banjo: guitar; ukulele: guitar; "
        "mandolin: guitar; lute: guitar; sitar: guitar; harpsichord: piano; tambourine: drum, drum kit; "
        "bongo: drum, drum kit; gong: drum, drum kit; excavator: tractor, truck; jet: airplane; "
        "glider: airplane; biplane: airplane; blimp: hot air balloon, balloon; "
        "zeppelin: hot air balloon, balloon; harmonica:; trombone: trumpet; saxophone: trumpet; "
        "clarinet: trumpet; flute: trumpet; tuba: trumpet; wrench:; screwdriver:; pliers:; chisel:; "
        "shovel:; rake:; crowbar:; thermometer:; microscope:; compass:; megaphone:; stethoscope:; "
        "syringe:; padlock:; "
        "mailbox:; stapler:"
    ),
    "setting": (
        "quarry: desert, field; vineyard: field, garden; cove: beach, ocean; estuary: lake, ocean, beach; "
        "bog: lake, field; ravine: forest, desert; plateau: field, desert; steppe: field; moor: field; "
        "heath: field; thicket: forest; woodland: forest; glade: forest, field; farmland: field; "
        "ranch: field; paddock: field; motorway: street; shoreline: beach, ocean, lake; "
        "atoll: ocean, beach; reservoir: lake; foyer: room; pantry: room; auditorium: room; "
        "ballroom: room; dungeon: room; cafeteria: room; campground: forest, field, park; "
        "graveyard: park, field, garden; fairground: park, field; snowfield: snow; hilltop: field; "
        "lakeshore: lake, beach; seafront: beach, ocean; boardwalk: beach, street; "
        "promenade: beach, street, park; esplanade: street, park, beach; crossroads: street; "
        "roundabout: street; underpass: street, city; marketplace: street, city; bazaar: street, city; "
        "hamlet: field, street, city; township: city; borough: city; outback: desert; "
        "wasteland: desert, field; scrubland: desert, field; grassland: field; farmyard: field; "
        "cornfield: field; wheatfield: field; hayfield: field; parkland: park, field; "
        "arboretum: garden, park, forest; conservatory: garden, room; veranda: garden, room; "
        "moorland: field; highland: field; floodplain: field, lake; bayou: lake, forest; fen: lake, field; "
        "archipelago: ocean, beach; seabed: ocean; seafloor: ocean; snowscape: snow; icecap: snow; "
        "permafrost: snow; piste: snow; bedchamber: room; parlor: room; dormitory: room; boardroom: room; "
        "showroom: room; stairwell: room; vestibule: room; atrium: room; cubicle: room; garret: room; "
        "salon: room; infirmary: room; bistro: room, street, city; tavern: room; boutique: room, street; "
        "slum: city, street; campus: park, city; quay: ocean, city, lake; wharf: ocean, city, lake; "
        "jetty: ocean, beach, lake; islet: ocean, beach; peninsula: ocean, beach; "
        "headland: ocean, beach, field; gulch: desert; glen: forest, field; dell: forest, field; "
        "dale: field; vale: field; foothill: field, forest"
    ),
    "effect": (
        "sleet: snow, rain; hail: snow, rain; starlight: night; frost: snow; hurricane: rain; "
        "typhoon: rain; graupel: snow; cloudburst: rain; squall: rain; whiteout: snow, fog; "
        "afterglow: sunset; eventide: sunset, night; gloaming: sunset, night; moonrise: night; "
        "snowdrift: snow; fogbank: fog; murk: fog, night; gloom: night, fog; tempest: rain; "
        "hailstone: snow, rain; lightning: rain, night; thunder: rain; mizzle: rain; rainshower: rain; "
        "cyclone: rain"
    ),
}
BY_CLASS: dict[NounClass, str] = {
    "part": (
        "forearm ankle eyelid nostril knuckle jaw thumb forehead chin thigh hip eyeball snout talon gill "
        "hump torso heel fingernail earlobe cheekbone collarbone abdomen spine kneecap scalp fang shawl "
        "cloak poncho tuxedo kimono cardigan tunic leotard blazer sari bathrobe"
    ),
    "material": (
        "cashmere chiffon flannel nylon polyester vinyl plywood pewter titanium obsidian quartz burlap "
        "taffeta mohair parchment cork enamel fiberglass acrylic spandex gingham muslin twill"
    ),
    "none": (
        "bravery nostalgia courage jealousy wisdom melancholy grief envy despair ambition chaos destiny "
        "justice triumph sorrow bliss mercy pride greed curiosity loneliness friendship leadership "
        "childhood boredom optimism patience gratitude solitude fate luck glory irony concept theory "
        "emotion notion essence melody tension symmetry picnic parade wedding funeral carnival marathon "
        "tournament rehearsal banquet feast celebration protest rally auction lecture seminar recital "
        "fiesta gala pilgrimage voyage expedition vacation holiday commute meditation karaoke sleepover "
        "heist duel"
    ),
}


@dataclass(frozen=True)
class Label:
    noun: str
    noun_class: NounClass
    accepted: frozenset[str]  # categories, environments or effects; empty for a placard, part, material, none


def labels() -> list[Label]:
    """Every labelled noun, its accepted values checked against the catalog, environments and effects."""
    found: list[Label] = []
    valid: dict[NounClass, set[str]] = {
        "thing": set(CATEGORIES),
        "setting": set(get_args(Environment)),
        "effect": set(lx.EFFECT_NOUNS.values()),
    }
    for noun_class, text in LABELLED.items():
        for entry in filter(None, (part.strip() for part in text.split(";"))):
            noun, _, values = entry.partition(":")
            accepted = frozenset(value.strip() for value in values.split(",") if value.strip())
            if accepted - valid[noun_class]:
                raise ValueError(f"{noun}: {sorted(accepted - valid[noun_class])} is no {noun_class} value")
            found.append(Label(noun.strip(), noun_class, accepted))
    for noun_class, text in BY_CLASS.items():
        found.extend(Label(noun, noun_class, frozenset()) for noun in text.split())
    nouns = [label.noun for label in found]
    if len(set(nouns)) != len(nouns):
        raise ValueError(f"labelled twice: {sorted({n for n in nouns if nouns.count(n) > 1})}")
    return found


def known(noun: str) -> bool:
    """Whether the lexicon reads the noun itself: a category, a known name, or a word nouns.py anchors to."""
    return lx.category_noun(noun) is not None or noun in lx.KNOWN_NAMES or noun in nn._anchors()


def halves(found: list[Label]) -> tuple[list[Label], list[Label]]:
    """Tuning and test halves: within each class, alphabetically, alternately."""
    tuning: list[Label] = []
    test: list[Label] = []
    for noun_class in dict.fromkeys(label.noun_class for label in found):
        ordered = sorted(
            (label for label in found if label.noun_class == noun_class), key=lambda label: label.noun
        )
        tuning.extend(ordered[0::2])
        test.extend(ordered[1::2])
    return tuning, test


def embed_once(texts: list[str]) -> None:
    """Embed the labelled nouns in one batch and answer nouns.py's later questions about them from it: the
    sweep reads every noun once per threshold, and only the threshold differs between the reads."""
    vectors = dict(zip(texts, embedding.embed_texts(texts), strict=True))  # noun -> [384]
    compute: Callable[[list[str]], Tensor] = embedding.embed_texts

    def embed_texts(asked: list[str]) -> Tensor:
        if asked and all(text in vectors for text in asked):
            return torch.stack([vectors[text] for text in asked])  # [N, 384]
        return compute(asked)

    embedding.embed_texts = embed_texts


def read_all(found: list[Label], threshold: float) -> dict[str, nn.Reading]:
    """Every noun read with NEAREST_MIN_SIMILARITY at `threshold`, none of it from an earlier run's cache."""
    nn.NEAREST_MIN_SIMILARITY = threshold
    nn.nearest_by_meaning.cache_clear()
    return {label.noun: nn.read_unknown(label.noun, label.noun) for label in found}


def is_placard(reading: nn.Reading) -> bool:
    return reading.basis == "placard"


def is_right(label: Label, reading: nn.Reading) -> bool:
    if reading.noun_class != label.noun_class:
        return False
    if label.noun_class == "thing" and not label.accepted:
        return is_placard(reading)
    return reading.value in label.accepted if label.noun_class in ("thing", "setting", "effect") else True


def is_wrong_stand_in(label: Label, reading: nn.Reading) -> bool:
    if reading.noun_class != "thing" or is_placard(reading):
        return False
    return label.noun_class != "thing" or reading.value not in label.accepted


def how(reading: nn.Reading) -> str:
    """Which step of nouns.read_unknown decided the reading."""
    if is_placard(reading):
        return "placard"
    if reading.similarity is not None:
        return f"meaning ({reading.read_as}, {reading.similarity:.2f})"
    return f"typo ({reading.read_as})" if reading.read_as else "form"


def misreading(label: Label, reading: nn.Reading) -> str:
    wanted = ", ".join(sorted(label.accepted)) or ("placard" if label.noun_class == "thing" else "")
    said = f"{reading.noun_class} {reading.value}".strip()
    return f"- {label.noun}: {f'{label.noun_class} {wanted}'.strip()} -> {said} by {how(reading)}"


@dataclass(frozen=True)
class Score:
    read: float
    noun_class: float
    thing: float
    placard: float
    wrong: float


def score(half: list[Label], readings: dict[str, nn.Reading]) -> Score:
    things = [label for label in half if label.noun_class == "thing"]

    def share(hits: int, whole: int) -> float:
        return 100 * hits / whole if whole else float("nan")

    return Score(
        read=share(sum(is_right(label, readings[label.noun]) for label in half), len(half)),
        noun_class=share(
            sum(readings[label.noun].noun_class == label.noun_class for label in half), len(half)
        ),
        thing=share(sum(is_right(label, readings[label.noun]) for label in things), len(things)),
        placard=share(sum(is_placard(readings[label.noun]) for label in half), len(half)),
        wrong=share(sum(is_wrong_stand_in(label, readings[label.noun]) for label in half), len(half)),
    )


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def figures(result: Score) -> list[str]:
    return [
        f"{value:.1f}"
        for value in (result.read, result.noun_class, result.thing, result.placard, result.wrong)
    ]


def by_class(half: list[Label], readings: dict[str, nn.Reading]) -> str:
    """'read' per labelled class, with the classes that class was read as."""
    rows = []
    for noun_class in dict.fromkeys(label.noun_class for label in half):
        members = [label for label in half if label.noun_class == noun_class]
        right = sum(is_right(label, readings[label.noun]) for label in members)
        read_as = Counter(
            "placard" if is_placard(readings[label.noun]) else readings[label.noun].noun_class
            for label in members
        )
        rows.append([noun_class, str(len(members)), f"{100 * right / len(members):.1f}",
                     ", ".join(f"{name} {count}" for name, count in read_as.most_common())])  # fmt: skip
    return table(["label", "nouns", "read %", "read as"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=15, help="misread tuning nouns listed a class")
    args = parser.parse_args()
    today = nn.NEAREST_MIN_SIMILARITY
    found = labels()
    learnt = [label.noun for label in found if known(label.noun)]
    if learnt:
        print(f"left out, the lexicon knows them now: {', '.join(learnt)}")
    found = [label for label in found if not known(label.noun)]
    tuning, test = halves(found)
    classes = Counter(label.noun_class for label in found)
    print(f"{len(found)} nouns ({', '.join(f'{name} {count}' for name, count in classes.items())}); "
          f"tuning {len(tuning)}, test {len(test)}; today's threshold {today}")  # fmt: skip
    start = time.perf_counter()
    embed_once([label.noun for label in found])
    runs = {threshold: read_all(found, threshold) for threshold in sorted({*THRESHOLDS, today})}
    seconds = time.perf_counter() - start
    print(f"{len(runs)} thresholds read in {seconds:.1f} s, with the model's load and the vocabulary\n")
    scores = {t: (score(tuning, readings), score(test, readings)) for t, readings in runs.items()}
    columns = ["read %", "class %", "thing %", "placard %", "wrong %"]
    rows = [[f"{t:.3f}", *figures(tune), *figures(held)] for t, (tune, held) in scores.items()]
    print(table(["threshold", *(f"tune {c}" for c in columns), *(f"test {c}" for c in columns)], rows))
    picked = max(THRESHOLDS, key=lambda t: (scores[t][0].read, -scores[t][0].wrong, t))
    for name, threshold in (("picked on the tuning half", picked), ("today", today)):
        tune, held = scores[threshold]
        print(f"\n{name}: {threshold:.3f}; test half read {held.read:.1f}%, class {held.noun_class:.1f}%, "
              f"thing {held.thing:.1f}%, placard {held.placard:.1f}%, wrong stand-in {held.wrong:.1f}% "
              f"(tuning read {tune.read:.1f}%)")  # fmt: skip
    for threshold in dict.fromkeys((picked, today)):
        print(f"\ntest half by class at {threshold:.3f}:\n{by_class(test, runs[threshold])}")
    print(f"\ntuning nouns misread at {picked:.3f} (at most {args.show} a class):")
    readings = runs[picked]
    misread = [label for label in tuning if not is_right(label, readings[label.noun])]
    for noun_class in classes:
        for label in [label for label in misread if label.noun_class == noun_class][: args.show]:
            print(misreading(label, readings[label.noun]))


if __name__ == "__main__":
    main()
