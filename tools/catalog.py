"""The categories the procedural generator builds: real-world size priors, rigs and default colours.

Sizes are the extent of an adult/typical instance in the asset frame, metres: x is the way it faces,
y is up, z is sideways. The layout agent scales assets to these priors (times the size words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rig = Literal["biped", "quadruped", "bird", "wheeled", "ball", "static"]


@dataclass(frozen=True)
class Category:
    name: str
    size_m: tuple[float, float, float]  # x (facing), y (up), z (sideways)
    rig: Rig
    default_rgb: tuple[float, float, float]
    surface_height_m: float | None = None  # things can stand on it at this height (tables, chairs)
    flies: bool = False
    floats: bool = False  # lives on water (boats)


CATEGORIES: dict[str, Category] = {
    c.name: c
    for c in [
        Category("person", (0.35, 1.7, 0.5), "biped", (0.25, 0.35, 0.6)),
        Category("dog", (0.9, 0.6, 0.3), "quadruped", (0.62, 0.42, 0.22)),
        Category("cat", (0.5, 0.3, 0.18), "quadruped", (0.55, 0.55, 0.55)),
        Category("bird", (0.3, 0.22, 0.45), "bird", (0.35, 0.3, 0.25), flies=True),
        Category("horse", (2.2, 1.7, 0.6), "quadruped", (0.45, 0.28, 0.15)),
        Category("car", (4.4, 1.5, 1.8), "wheeled", (0.2, 0.3, 0.7)),
        Category("bicycle", (1.7, 1.05, 0.5), "wheeled", (0.15, 0.15, 0.15)),
        Category("bus", (11.0, 3.2, 2.5), "wheeled", (0.95, 0.75, 0.1)),
        Category("boat", (5.0, 1.6, 2.0), "static", (0.9, 0.9, 0.88), floats=True),
        Category("tree", (3.0, 5.0, 3.0), "static", (0.2, 0.5, 0.18)),
        Category("house", (8.0, 6.0, 7.0), "static", (0.85, 0.78, 0.65)),
        Category("table", (1.4, 0.75, 0.8), "static", (0.55, 0.36, 0.2), surface_height_m=0.75),
        Category("chair", (0.5, 0.9, 0.5), "static", (0.5, 0.33, 0.18), surface_height_m=0.45),
        Category("ball", (0.3, 0.3, 0.3), "ball", (0.9, 0.9, 0.9)),
        Category("flower", (0.15, 0.4, 0.15), "static", (0.9, 0.2, 0.4)),
        Category("generic", (0.6, 0.6, 0.6), "static", (0.6, 0.6, 0.6)),
    ]
}
"""Every category the procedural generator builds; 'generic' stands in for unknown nouns."""

NOUN_HEIGHTS_M: dict[str, float] = {
    # small four-legged animals, built as cats or dogs
    **dict.fromkeys(["mouse", "hamster", "gerbil"], 0.06),
    **dict.fromkeys(["rat", "chipmunk", "weasel", "stoat", "mink", "hedgehog"], 0.12),
    **dict.fromkeys(["chinchilla", "ferret", "guinea pig"], 0.15),
    **dict.fromkeys(["squirrel", "skunk", "mongoose"], 0.2),
    **dict.fromkeys(["rabbit", "bunny", "opossum", "possum"], 0.25),
    **dict.fromkeys(["hare", "meerkat", "porcupine", "otter", "badger", "piglet"], 0.3),
    **dict.fromkeys(["raccoon", "beaver"], 0.35),
    **dict.fromkeys(["fox", "ocelot"], 0.45),
    **dict.fromkeys(["coyote", "jackal", "wolverine", "bobcat", "capybara", "lamb"], 0.55),
    **dict.fromkeys(["lynx", "anteater"], 0.65),
    **dict.fromkeys(["leopard", "jaguar", "panther", "cougar", "puma"], 0.75),
    **dict.fromkeys(["wolf", "hyena", "cheetah", "pig", "hog", "boar", "goat", "gazelle"], 0.85),
    **dict.fromkeys(["sheep", "panda", "calf", "impala"], 0.9),
    **dict.fromkeys(["tiger", "tigress", "lioness", "antelope"], 1.05),
    **dict.fromkeys(["lion", "bear", "deer", "reindeer"], 1.2),
    **dict.fromkeys(["grizzly", "polar bear", "zebra"], 1.4),
    # large hoofed and heavy mammals, built as horses
    **dict.fromkeys(["cow", "cattle", "elk", "alpaca", "hippo", "hippopotamus"], 1.5),
    **dict.fromkeys(["bull", "okapi", "rhino", "rhinoceros", "unicorn"], 1.65),
    **dict.fromkeys(["ox", "buffalo", "yak", "llama", "bison"], 1.75),
    **dict.fromkeys(["moose", "camel"], 2.1),
    "elephant": 3.0,
    "mammoth": 3.5,
    "giraffe": 5.0,
    # flying insects, built as birds (height with the wings spread, about half the wingspan)
    **dict.fromkeys(["mosquito", "housefly", "firefly"], 0.015),
    **dict.fromkeys(["bee", "honeybee", "wasp", "hornet"], 0.02),
    **dict.fromkeys(["bumblebee", "cicada", "moth"], 0.03),
    **dict.fromkeys(["butterfly", "dragonfly"], 0.05),
    # figures, built as people
    "doll": 0.35,
    **dict.fromkeys(["scarecrow", "mannequin"], 1.8),
    # two-wheelers, other vehicles
    **dict.fromkeys(["scooter", "moped"], 1.1),
    **dict.fromkeys(["motorcycle", "motorbike"], 1.15),
    "toy car": 0.1,
    **dict.fromkeys(["kart", "go kart"], 0.6),
    "golf cart": 1.8,
    "forklift": 2.1,
    "tractor": 2.5,
    "bulldozer": 3.0,
    **dict.fromkeys(["motorhome", "rv"], 3.2),
    **dict.fromkeys(["tram", "streetcar"], 3.4),
    **dict.fromkeys(["train", "locomotive"], 4.2),
    "jet ski": 1.1,
    # plants, built as trees
    "bonsai": 0.4,
    **dict.fromkeys(["plant", "houseplant", "fern"], 0.6),
    **dict.fromkeys(["bush", "shrub", "rosebush"], 1.2),
    "cactus": 1.8,
    # buildings, built as houses
    **dict.fromkeys(["birdhouse"], 0.3),
    **dict.fromkeys(["dollhouse"], 0.7),
    **dict.fromkeys(["doghouse", "kennel"], 1.0),
    "playhouse": 1.8,
    **dict.fromkeys(["garage", "treehouse"], 3.0),
    **dict.fromkeys(["store", "shop", "bakery", "stable"], 5.0),
    **dict.fromkeys(["schoolhouse", "chapel", "warehouse"], 8.0),
    **dict.fromkeys(["building", "school", "hospital", "temple"], 12.0),
    **dict.fromkeys(["church", "hotel", "pagoda"], 16.0),
    **dict.fromkeys(["castle", "palace", "mosque"], 20.0),
    **dict.fromkeys(["cathedral", "skyscraper"], 40.0),
    # furniture
    **dict.fromkeys(["ottoman"], 0.45),
    "bed": 0.6,
    **dict.fromkeys(["sofa", "couch", "loveseat"], 0.85),
    # round things, built as balls
    **dict.fromkeys(["lime", "lemon", "tomato", "apple", "orange", "peach", "snowball"], 0.08),
    **dict.fromkeys(["grapefruit", "coconut"], 0.13),
    **dict.fromkeys(["melon", "cantaloupe", "cannonball"], 0.16),
    "watermelon": 0.25,
    **dict.fromkeys(["pumpkin", "orb"], 0.3),
}
"""Real-world height (metres) of nouns built with another category's asset: an elephant is 3 m tall though its
asset is a horse's. The director scales the stand-in to it (within the schema's size range, so a skyscraper
stays a very large house)."""
