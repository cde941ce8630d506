"""Every category the procedural generator builds, by name, and the real heights of stand-in nouns.

The categories come from the library's families (`tools/scene/library/`); each carries its real-world size
prior,
rig, default colour and builder (`tools/scene/parts.py`: `Category`).
"""

from __future__ import annotations

from scenewright.tools.scene.library import (
    animals,
    buildings,
    creatures,
    extra,
    food,
    furniture,
    household,
    indoor,
    nature,
    objects,
    outdoor,
    people,
    plants,
    vehicles,
)
from scenewright.tools.scene.parts import Category, Rig

__all__ = ["CATEGORIES", "FACING_VIEWER", "LIVING", "NOUN_HEIGHTS_M", "Category", "Rig"]

FAMILIES = (
    people,
    animals,
    creatures,
    vehicles,
    plants,
    nature,
    buildings,
    furniture,
    household,
    food,
    objects,
    indoor,
    outdoor,
    extra,
)


def _index(categories: list[Category]) -> dict[str, Category]:
    """Categories by name; a name or noun claimed twice is a library bug, reported at import."""
    by_name: dict[str, Category] = {}
    claimed: dict[str, str] = {}
    for category in categories:
        for noun in (category.name, *category.nouns):
            if noun in claimed:
                raise ValueError(f"'{noun}' is claimed by both {claimed[noun]} and {category.name}")
            claimed[noun] = category.name
        by_name[category.name] = category
    return by_name


CATEGORIES: dict[str, Category] = _index([category for family in FAMILIES for category in family.CATEGORIES])
"""Every category the procedural generator builds; 'generic' stands in for unknown nouns."""

LIVING: frozenset[str] = frozenset(
    category.name for family in (people, animals, creatures) for category in family.CATEGORIES
)
"""Categories that are people and animals: a noun WordNet files as an animal is built as one of these, and a
thing never is (a stingray is a ray, a fish, not the sunbeam the lexicon's 'ray' is)."""

FACING_VIEWER: frozenset[str] = frozenset(
    [
        "television", "painting", "clock", "bookshelf", "wardrobe", "sofa", "curtain", "refrigerator",
        "vending machine", "washing machine", "microwave", "oven", "toilet", "sink", "laptop", "keyboard",
        "drum kit", "stop sign", "parking meter", "bench", "tie", "handbag", "baseball glove", "ferris wheel",
        "hammock", "solar panel",
    ]
)  # fmt: skip
"""Still things whose front (+x, the way a category faces) is what people know them by: the layout turns it
to the camera, which sees +z (a television, a stop sign or a bench seen side-on is a thin slab)."""

NOUN_HEIGHTS_M: dict[str, float] = {
    # young animals, built as their kind: a puppy or a kitten is far smaller than a grown dog or cat
    **dict.fromkeys(["kitten", "kitty"], 0.15),
    **dict.fromkeys(["puppy", "pup"], 0.3),
    # small four-legged animals
    **dict.fromkeys(["rat", "chipmunk", "weasel", "stoat", "mink", "hedgehog"], 0.12),
    **dict.fromkeys(["chinchilla", "ferret", "guinea pig"], 0.15),
    **dict.fromkeys(["squirrel", "skunk", "mongoose"], 0.2),
    **dict.fromkeys(["bunny", "opossum", "possum"], 0.25),
    **dict.fromkeys(["hare", "meerkat", "porcupine", "otter", "badger", "piglet"], 0.3),
    **dict.fromkeys(["raccoon", "beaver"], 0.35),
    **dict.fromkeys(["fox", "ocelot"], 0.45),
    **dict.fromkeys(["coyote", "jackal", "wolverine", "bobcat", "capybara", "lamb"], 0.55),
    **dict.fromkeys(["lynx", "anteater"], 0.65),
    **dict.fromkeys(["leopard", "jaguar", "panther", "cougar", "puma"], 0.75),
    **dict.fromkeys(["wolf", "hyena", "cheetah", "goat", "gazelle"], 0.85),
    **dict.fromkeys(["panda", "calf", "impala"], 0.9),
    **dict.fromkeys(["lioness", "antelope"], 1.05),
    **dict.fromkeys(["reindeer"], 1.2),
    **dict.fromkeys(["grizzly", "polar bear"], 1.4),
    # large hoofed and heavy mammals
    **dict.fromkeys(["elk", "alpaca", "hippo", "hippopotamus"], 1.5),
    **dict.fromkeys(["bull", "okapi", "rhino", "rhinoceros", "unicorn"], 1.65),
    **dict.fromkeys(["ox", "buffalo", "yak", "llama", "bison"], 1.75),
    **dict.fromkeys(["moose", "camel"], 2.1),
    "mammoth": 3.5,
    **dict.fromkeys(["doe", "fawn"], 0.9),
    # apes, built as monkeys
    **dict.fromkeys(["baboon"], 0.8),
    **dict.fromkeys(["chimpanzee", "chimp"], 1.2),
    **dict.fromkeys(["orangutan", "ape"], 1.4),
    "gorilla": 1.7,
    # water and cold-blooded animals
    **dict.fromkeys(["newt", "salamander", "beetle", "sardine"], 0.03),
    **dict.fromkeys(["herring", "mackerel", "crayfish"], 0.06),
    **dict.fromkeys(["lobster", "cod", "salmon", "cuttlefish"], 0.12),
    **dict.fromkeys(["iguana", "squid"], 0.25),
    **dict.fromkeys(["tuna", "crocodile", "alligator"], 0.5),
    **dict.fromkeys(["shark", "walrus"], 1.0),
    "orca": 1.8,
    "whale": 3.0,
    # flying insects, built as bees and butterflies
    **dict.fromkeys(["mosquito", "housefly", "firefly"], 0.015),
    **dict.fromkeys(["honeybee", "wasp", "hornet"], 0.02),
    **dict.fromkeys(["bumblebee", "cicada", "moth"], 0.03),
    **dict.fromkeys(["dragonfly"], 0.05),
    # figures, built as people
    "doll": 0.35,
    **dict.fromkeys(["mannequin"], 1.8),
    # two-wheelers, other vehicles
    "toy car": 0.1,
    **dict.fromkeys(["kart", "go kart"], 0.6),
    "golf cart": 1.8,
    "forklift": 2.1,
    "bulldozer": 3.0,
    **dict.fromkeys(["motorhome", "rv"], 3.2),
    **dict.fromkeys(["tram", "streetcar"], 3.4),
    "jet ski": 1.1,
    # plants, built as trees
    "bonsai": 0.4,
    **dict.fromkeys(["plant", "houseplant", "fern"], 0.6),
    **dict.fromkeys(["rosebush"], 1.2),
    # buildings, built as houses
    **dict.fromkeys(["birdhouse"], 0.3),
    **dict.fromkeys(["dollhouse"], 0.7),
    **dict.fromkeys(["doghouse", "kennel"], 1.0),
    "playhouse": 1.8,
    **dict.fromkeys(["garage", "treehouse"], 3.0),
    **dict.fromkeys(["store", "shop", "bakery", "stable"], 5.0),
    **dict.fromkeys(["schoolhouse", "chapel", "warehouse"], 8.0),
    **dict.fromkeys(["building", "school", "hospital", "temple"], 12.0),
    **dict.fromkeys(["hotel", "pagoda"], 16.0),
    **dict.fromkeys(["palace", "mosque"], 20.0),
    **dict.fromkeys(["cathedral"], 40.0),
    # furniture
    **dict.fromkeys(["ottoman"], 0.45),
    # round things
    **dict.fromkeys(["lime", "peach", "snowball"], 0.08),
    **dict.fromkeys(["grapefruit"], 0.13),
    **dict.fromkeys(["squash", "gourd"], 0.2),
    **dict.fromkeys(["melon", "cantaloupe", "cannonball"], 0.16),
    **dict.fromkeys(["orb"], 0.3),
}
"""Real-world height (metres) of nouns whose height is not their category's: stand-ins (a rhino built as an
elephant, a cathedral as a house) and kinds of a category (a calf, a gorilla). The director scales the entity
to it (a stand-in within STAND_IN_MAX_SCALE of its asset, so a cathedral stays a very large house)."""
