"""The lexicon: the words the offline agents understand, as data, and the noun -> category lookup.

The director's phrase parser (agents/director.py) finds noun phrases by their structure; this module
only says what the closed word classes are and what the known words mean, so that the director, the chat
editor, the critic and the eval metrics share one vocabulary. A noun missing from NOUN_CATEGORIES still
becomes an entity (category 'generic'); a verb missing from VERB_CLIPS is still found by its position and
ending, it just animates as 'idle'. Colours are also the critic's palette. How single words are read
(plurals, verb forms, word classes) is words.py's; multi-word phrases are phrases.py's.
"""

from __future__ import annotations

from typing import Literal

from scenewright.tools.scene.catalog import CATEGORIES


def word_list(text: str) -> list[str]:
    """Whitespace-separated words: keeps the long word lists below (and the editor's) readable."""
    return text.split()


COLORS: dict[str, tuple[float, float, float]] = {
    "red": (0.85, 0.1, 0.1),
    "orange": (0.95, 0.5, 0.08),
    "yellow": (0.95, 0.85, 0.1),
    "green": (0.15, 0.65, 0.2),
    "blue": (0.12, 0.3, 0.85),
    "purple": (0.5, 0.2, 0.7),
    "pink": (0.95, 0.5, 0.7),
    "brown": (0.45, 0.28, 0.12),
    "black": (0.06, 0.06, 0.06),
    "white": (0.95, 0.95, 0.95),
    "gray": (0.5, 0.5, 0.5),
}
"""Colour words -> RGB (0..1) used to paint assets and to classify rendered pixels."""

COLOR_SYNONYMS: dict[str, str] = {
    **{name: name for name in COLORS},
    **dict.fromkeys(["grey", "silver", "silvery", "ashen", "charcoal", "slate"], "gray"),
    **dict.fromkeys(["golden", "gold", "blond", "blonde", "lemon", "mustard"], "yellow"),
    **dict.fromkeys(["crimson", "scarlet", "maroon", "ruby", "cherry", "burgundy", "vermilion"], "red"),
    **dict.fromkeys(["navy", "azure", "cobalt", "sapphire", "turquoise", "teal", "cyan", "indigo"], "blue"),
    **dict.fromkeys(["emerald", "lime", "olive", "jade", "mint"], "green"),
    **dict.fromkeys(["violet", "lavender", "lilac", "magenta", "plum"], "purple"),
    **dict.fromkeys(["amber", "tangerine", "ginger", "copper"], "orange"),
    **dict.fromkeys(["tan", "beige", "chocolate", "bronze", "khaki", "chestnut"], "brown"),
    **dict.fromkeys(["ebony", "jet", "onyx"], "black"),
    **dict.fromkeys(["ivory", "cream", "snowy-white", "pearl"], "white"),
    **dict.fromkeys(["rosy", "fuchsia", "salmon-pink"], "pink"),
}
"""Every colour word -> its COLORS name."""

SIZE_WORDS: dict[str, float] = {
    "big": 1.5,
    "large": 1.5,
    "huge": 2.0,
    "giant": 2.5,
    "gigantic": 3.0,
    "enormous": 3.0,
    "massive": 2.5,
    "tall": 1.25,
    "oversized": 1.8,
    "small": 0.6,
    "little": 0.6,
    "tiny": 0.35,
    "short": 0.8,
    "mini": 0.5,
    "miniature": 0.25,
    "toy": 0.2,
    "baby": 0.5,
}
"""Size words -> scale on the category's real-world size."""
SIZE_NOUNS: frozenset[str] = frozenset(word_list("toy baby giant miniature mini"))
"""Size words that can also be the noun itself ('a toy lying on the floor')."""

NUMBER_WORDS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
        start=1,
    )
} | {"single": 1, "lone": 1, "twin": 2, "both": 2, "dozen": 12}
"""Number words -> count."""

QUANTITY_PHRASES: dict[str, int] = {
    "a couple of": 2,
    "a pair of": 2,
    "a few": 3,
    "few": 3,
    "several": 3,
    "some": 3,
    "a handful of": 3,
    "many": 4,
    "numerous": 5,
    "lots of": 5,
    "a lot of": 5,
    "a dozen": 12,
    "dozens of": 12,
    "hundreds of": 12,
}
"""Quantity phrases -> count."""

COLLECTIVES: frozenset[str] = frozenset(
    word_list(
        "group flock herd pack crowd team swarm school bunch pile row line family fleet set load pod "
        "colony litter gaggle troop band cluster stack collection parade"
    )
)
"""'a herd of cows': the collective is not an entity; it counts the noun after 'of'."""
COLLECTIVE_COUNT = 4
PORTIONS: frozenset[str] = frozenset(word_list("piece patch slice bit chunk sheet scoop drop"))
"""'a piece of bread': one of the noun after 'of'."""
MODEL_MATERIALS: frozenset[str] = frozenset(
    word_list("sand snow ice paper card cardboard gingerbread chocolate sugar clay lego toy wax")
)
"""A first word that makes a large thing a model of itself, at toy size: a sandcastle, a paper airplane."""
MODEL_MIN_SIZE_M = 2.0
"""Only things at least this large in life are read as models so (a chocolate cake is a cake)."""
PORTION_CATEGORY = "building block"
"""What a portion of a stuff with no category of its own is built as: 'a piece of wood' is a block."""
GAME_VERBS: frozenset[str] = frozenset(word_list("play practise practice"))
"""Verbs whose object may be a game rather than a thing: 'playing tag', 'playing chess'."""

SINGULAR_DETERMINERS: frozenset[str] = frozenset(word_list("a an the this that another each every"))
PLURAL_DETERMINERS: frozenset[str] = frozenset(word_list("these those all"))
POSSESSIVES: frozenset[str] = frozenset(word_list("its their his her my your our"))
PRONOUNS: frozenset[str] = frozenset(
    word_list("it they he she them him itself themselves we i you us other others")
)
AUXILIARIES: frozenset[str] = frozenset(
    word_list(
        "is are was were be being been am has have had does do did can will would could should may "
        "might must gets get got seems seem appears appear keeps keep starts start begins begin "
        "continues continue tries try"
    )
)
CLAUSE_CONJUNCTIONS: frozenset[str] = frozenset(
    word_list("while as when whereas but then so because until whilst meanwhile although though once")
)
RELATIVE_PRONOUNS: frozenset[str] = frozenset(word_list("that which who whose"))
PREPOSITIONS: frozenset[str] = frozenset(
    word_list(
        "in at into through across from with of to toward towards past along for during against among "
        "amongst between within inside outside off out about via like after before without throughout "
        "amid amidst beyond upon onto atop around under over near by behind due"
    )
)
"""Prepositions the chunker knows; spatial ones are turned into relations before chunking."""

ADVERBS: frozenset[str] = frozenset(
    word_list(
        "very really also still just now again together nearby fast hard slow quick high low too even "
        "back forth ahead forward forwards backward backwards onward onwards around here there overhead "
        "upstairs downstairs outdoors everywhere "
        "somewhere alone side straight far quite rather gently almost not no always often"
    )
)
NON_ADVERBS_LY: frozenset[str] = frozenset(
    word_list(
        "elderly friendly lonely lovely curly silly ugly holy jolly fly lily family belly jelly bully "
        "ally rally daily butterfly dragonfly firefly housefly grizzly woolly wooly chilly hilly frilly sly "
        "reply supply assembly italy july"
    )
)
"""Words ending in -ly that are not adverbs."""

ADJECTIVES: frozenset[str] = frozenset(
    word_list(
        "old young new ancient modern elderly cute fluffy furry shiny bright dark light pale vivid "
        "sunny rainy cloudy foggy misty stormy windy snowy sandy grassy rocky muddy dusty dirty clean "
        "wet dry hot cold warm cool cozy lush busy crowded empty quiet calm wild happy sad angry "
        "hungry sleepy lazy playful curious brave fierce friendly gentle graceful beautiful pretty "
        "ugly round square circular oval cubic conical cylindrical rectangular triangular pyramidal "
        "spherical elliptical flat wooden metal metallic glass plastic stone paper porcelain ceramic "
        "silk velvet denim linen corduroy bamboo marble brick concrete wool woolen woollen cotton "
        "leather rubber iron steel crystal clay cardboard fresh ripe rotten soft hard heavy smooth "
        "rough striped spotted spotty plain fancy glossy rusty broken grand fat thin slim "
        "skinny chubby long wide narrow deep shallow muscular strong weak fast slow quick noisy loud "
        "silent famous lonely mysterious magical glowing sparkling bioluminescent transparent "
        "colorful colourful multicolored vibrant dull wooly woolly hairy bushy leafy fuzzy "
        "silky tidy messy neat red-haired silver-haired autumn autumnal wintry summer spring tropical "
        "local urban rural african arctic outdoor indoor stationary distant nearby single lone sunlit "
        "moonlit adult male female tame"
    )
)
"""Known adjectives; modifiers not listed here are recognised by ADJECTIVE_SUFFIXES."""

ADJECTIVE_SUFFIXES: tuple[str, ...] = (
    "ful",
    "ous",
    "ive",
    "less",
    "able",
    "ible",
    "ical",
    "-shaped",
    "-haired",
    "-colored",
    "-coloured",
    "-eyed",
    "-legged",
    "-like",
    "-sized",
    "-tailed",
    "-winged",
)

NOUN_CATEGORIES: dict[str, str] = {
    **{noun: category.name for category in CATEGORIES.values() for noun in (category.name, *category.nouns)},
    **dict.fromkeys(
        word_list(
            "person man woman boy girl baby toddler people lady gentleman guy chef astronaut "
            "cyclist biker rider runner jogger swimmer surfer skier skater dancer player athlete soldier "
            "knight farmer doctor nurse teacher student police policeman policewoman firefighter fireman "
            "pilot driver sailor fisherman cowboy pirate clown wizard king queen prince princess "
            "teenager teen adult grandmother grandfather grandma grandpa mother father mom dad friend "
            "worker hiker tourist musician singer artist painter waiter waitress businessman girlfriend "
            "boyfriend ninja superhero scientist explorer climber diver boxer golfer gardener monk nun "
            "priest bride groom baker butcher carpenter plumber mechanic photographer reporter journalist "
            "violinist pianist guitarist drummer cellist flutist trumpeter conductor magician sorcerer "
            "sorceress witch mage warrior samurai viking gladiator referee lifeguard cashier customer "
            "shopper passenger pedestrian spectator volunteer colleague coworker celebrity neighbor "
            "neighbour stranger villager infant newborn zombie vampire elf ballerina gymnast wrestler "
            "archer hunter ranger officer detective sheriff lawyer banker actor actress comedian juggler "
            "acrobat son daughter brother sister uncle aunt cousin husband wife commuter traveler "
            "traveller goalkeeper cheerleader skateboarder snowboarder mountaineer cowgirl emperor "
            "empress pharaoh butler maid vendor merchant peasant clerk librarian barista bartender "
            "dentist surgeon paramedic engineer architect programmer designer entrepreneur employee "
            "classmate roommate professor partner protester"
        ),
        "person",
    ),
    **dict.fromkeys(
        word_list(
            "dog puppy pup corgi poodle labrador retriever husky beagle bulldog terrier dachshund "
            "chihuahua shepherd collie pug spaniel doberman rottweiler greyhound dalmatian hound pooch "
            "doggy doggie mutt sheepdog schnauzer shiba pitbull mastiff malamute samoyed akita whippet "
            "borzoi pomeranian maltese yorkie bloodhound foxhound wolfhound labradoodle weimaraner "
            "basenji dingo"
        ),
        "dog",
    ),
    **dict.fromkeys(word_list("cat kitten kitty tabby tomcat kitties housecat"), "cat"),
    **dict.fromkeys(
        word_list(
            "bird sparrow eagle parrot pigeon seagull gull duck duckling goose swan owl crow raven robin "
            "hawk falcon dove finch bluejay jay hummingbird penguin flamingo pelican heron stork crane "
            "chicken hen rooster chick peacock turkey ostrich woodpecker canary cardinal magpie starling "
            "swallow vulture albatross toucan macaw cockatoo budgie kingfisher puffin wren lark "
            "nightingale oriole cuckoo mockingbird blackbird bluebird songbird seabird parakeet lovebird "
            "cockatiel condor osprey kestrel buzzard egret ibis quail pheasant grouse partridge "
            "sandpiper tern cormorant loon mallard gosling cygnet peahen emu hornbill warbler thrush "
            "goldfinch chickadee roadrunner dodo"
        ),
        "bird",
    ),
    **dict.fromkeys(
        word_list("horse pony foal stallion mare colt donkey mule filly mustang bronco racehorse steed"),
        "horse",
    ),
    **dict.fromkeys(
        word_list(
            "car taxi cab jeep sedan suv van pickup limousine limo minivan convertible hatchback "
            "coupe automobile vehicle racecar ambulance taxicab roadster supercar humvee"
        ),
        "car",
    ),
    **dict.fromkeys(word_list("bicycle bike cycle tricycle unicycle bmx"), "bicycle"),
    **dict.fromkeys(word_list("bus coach minibus trolleybus schoolbus"), "bus"),
    **dict.fromkeys(
        word_list(
            "boat ship sailboat yacht canoe kayak ferry raft dinghy rowboat steamboat gondola vessel "
            "speedboat tugboat catamaran trawler schooner galleon sloop longboat lifeboat houseboat "
            "motorboat paddleboat barge warship battleship"
        ),
        "boat",
    ),
    **dict.fromkeys(
        word_list(
            "tree oak pine palm maple birch willow fir spruce cedar elm sapling baobab sequoia redwood "
            "cypress poplar aspen beech sycamore eucalyptus acacia juniper yew larch hemlock evergreen "
            "conifer banyan mangrove linden alder hickory dogwood jacaranda cottonwood hawthorn "
            "rowan"
        ),
        "tree",
    ),
    **dict.fromkeys(
        word_list(
            "house cottage cabin hut home bungalow farmhouse villa shack shed barn mansion chalet "
            "townhouse lodge manor farmstead homestead duplex"
        ),
        "house",
    ),
    **dict.fromkeys(word_list("table counter workbench"), "table"),
    **dict.fromkeys(
        word_list("chair stool armchair seat recliner throne pew barstool deckchair wheelchair"),
        "chair",
    ),
    **dict.fromkeys(
        word_list(
            "ball football basketball volleyball baseball softball globe dodgeball kickball handball netball"
        ),
        "ball",
    ),
    **dict.fromkeys(
        word_list(
            "flower rose tulip sunflower daisy lily orchid dandelion poppy lotus daffodil lavender "
            "marigold blossom carnation bluebell iris hyacinth peony geranium petunia chrysanthemum "
            "begonia hibiscus jasmine buttercup snowdrop cornflower wildflower zinnia aster dahlia "
            "gardenia camellia azalea primrose"
        ),
        "flower",
    ),
    "soccer ball": "ball",
    "tennis ball": "ball",
    "beach ball": "ball",
    "rubber ball": "ball",
    "bowling ball": "ball",
    "golf ball": "ball",
    "palm tree": "tree",
    "oak tree": "tree",
    "pine tree": "tree",
    "apple tree": "tree",
    "christmas tree": "tree",
    "police car": "car",
    "race car": "car",
    "sports car": "car",
    "school bus": "bus",
    "double decker bus": "bus",
    "motor boat": "boat",
    "sail boat": "boat",
    "dining table": "table",
    "coffee table": "table",
    "rocking chair": "chair",
    "high chair": "chair",
    "pit bull": "dog",
    "station wagon": "car",
    "double decker": "bus",
}
"""Noun (singular, lowercase, multi-word allowed) -> catalog category: every category's own nouns (the
library's `Category.nouns`), and the people, breeds and kinds the first categories stand for."""

COMPOUND_NOUNS: frozenset[str] = frozenset(
    ["living room", "baby carriage", "gummy bear", "power plant"]
)  # fmt: skip
"""Multi-word nouns without a category of their own: kept whole even where a word looks like an adjective,
and their last word does not lend them its category ('hot dog' is no dog, 'teddy bear' no bear)."""

NEAREST_CATEGORIES: dict[str, str] = {
    **dict.fromkeys(
        word_list(
            "squirrel chipmunk ferret weasel mink stoat skunk raccoon hedgehog porcupine opossum possum "
            "meerkat mongoose chinchilla leopard cheetah jaguar panther cougar puma lynx bobcat ocelot"
        ),
        "cat",
    ),
    **dict.fromkeys(
        word_list("wolf fox coyote jackal hyena badger wolverine otter beaver capybara anteater"), "dog"
    ),
    **dict.fromkeys(word_list("llama alpaca camel okapi unicorn"), "horse"),
    **dict.fromkeys(word_list("buffalo bison yak"), "cow"),
    **dict.fromkeys(word_list("moose antelope gazelle impala doe fawn"), "deer"),
    **dict.fromkeys(word_list("goat"), "sheep"),
    **dict.fromkeys(word_list("mammoth rhino rhinoceros"), "elephant"),
    **dict.fromkeys(word_list("hippo hippopotamus"), "pig"),
    **dict.fromkeys(word_list("lioness"), "lion"),
    **dict.fromkeys(word_list("panda"), "bear"),
    **dict.fromkeys(word_list("wasp hornet firefly housefly mosquito cicada dragonfly"), "bee"),
    **dict.fromkeys(word_list("moth"), "butterfly"),
    **dict.fromkeys(word_list("shark whale orca"), "dolphin"),
    **dict.fromkeys(word_list("walrus"), "seal"),
    **dict.fromkeys(word_list("squid cuttlefish"), "octopus"),
    **dict.fromkeys(word_list("lobster crayfish"), "crab"),
    **dict.fromkeys(word_list("crocodile alligator iguana newt salamander"), "lizard"),
    **dict.fromkeys(word_list("beetle"), "ladybug"),
    **dict.fromkeys(word_list("salmon tuna cod sardine herring mackerel"), "fish"),
    **dict.fromkeys(word_list("mannequin doll"), "person"),
    **dict.fromkeys(word_list("bulldozer forklift kart"), "car"),
    **dict.fromkeys(word_list("tram streetcar motorhome rv"), "bus"),
    **dict.fromkeys(word_list("bonsai fern rosebush"), "tree"),
    **dict.fromkeys(
        word_list(
            "building cathedral temple mosque palace school schoolhouse hospital hotel store bakery garage "
            "warehouse stable doghouse kennel birdhouse dollhouse treehouse playhouse pagoda shop"
        ),
        "house",
    ),
    **dict.fromkeys(word_list("ottoman"), "chair"),
    **dict.fromkeys(word_list("lime peach grapefruit"), "orange"),
    **dict.fromkeys(word_list("melon cantaloupe"), "watermelon"),
    **dict.fromkeys(word_list("squash gourd"), "pumpkin"),
    **dict.fromkeys(word_list("orb snowball cannonball"), "ball"),
    "guinea pig": "mouse",
    "toy car": "car",
    "golf cart": "car",
    "go kart": "car",
    "jet ski": "boat",
}
"""Nouns with no asset of their own -> the category whose asset reads as their kind at a glance.

Unlike NOUN_CATEGORIES (a corgi IS a dog), these borrow a shape: a squirrel is built as a cat, a rhino as
an elephant, a wasp as a bee. Each keeps its own name and real-world height (catalog NOUN_HEIGHTS_M) and,
where the borrowed asset's colour would mislead, its natural colour (NATURAL_COLORS). Nouns whose kind no
asset shows (a piano without its category, a lamp) are left to the generic asset, which shows the noun on a
label."""

NATURAL_COLORS: dict[str, str] = {
    **dict.fromkeys(word_list("rhino rhinoceros hippo hippopotamus wolf shark whale walrus"), "gray"),
    **dict.fromkeys(word_list("goat panda unicorn snowball"), "white"),
    **dict.fromkeys(word_list("lioness fox cheetah cantaloupe peach salmon"), "orange"),
    **dict.fromkeys(word_list("squirrel beaver hedgehog camel mammoth moose buffalo bison yak"), "brown"),
    **dict.fromkeys(word_list("leopard jaguar firefly wasp hornet"), "yellow"),
    **dict.fromkeys(word_list("panther orca beetle"), "black"),
    **dict.fromkeys(word_list("melon lime crocodile alligator iguana"), "green"),
    **dict.fromkeys(word_list("lobster"), "red"),
    "polar bear": "white",
}
"""Nouns -> the COLORS name they are painted when the prompt names no colour, where their category's own
colour would mislead: a gray elephant reads as a rhino, a brown bear is no polar bear."""


ENVIRONMENT_NOUNS: dict[str, str] = {
    **dict.fromkeys(word_list("beach shore seashore coast coastline sand seaside"), "beach"),
    **dict.fromkeys(word_list("park playground"), "park"),
    **dict.fromkeys(word_list("garden backyard yard orchard greenhouse"), "garden"),
    **dict.fromkeys(word_list("street road highway avenue alley intersection crosswalk sidewalk"), "street"),
    **dict.fromkeys(
        word_list(
            "room kitchen bedroom bathroom office classroom lobby hallway hall indoors studio library "
            "apartment restaurant cafe factory museum gym"
        ),
        "room",
    ),
    **dict.fromkeys(word_list("snow winter glacier tundra ice"), "snow"),
    **dict.fromkeys(word_list("ocean sea waves underwater reef"), "ocean"),
    **dict.fromkeys(
        word_list(
            "field meadow grass farm pasture savannah savanna hillside hill hills valley prairie lawn "
            "countryside plain plains mountain mountains"
        ),
        "field",
    ),
    **dict.fromkeys(word_list("forest woods jungle rainforest wood grove"), "forest"),
    **dict.fromkeys(word_list("desert dunes dune"), "desert"),
    **dict.fromkeys(word_list("city town downtown square plaza village"), "city"),
    **dict.fromkeys(word_list("lake river pond stream creek pool waterfall"), "lake"),
    **dict.fromkeys(word_list("canyon gorge mesa badlands oasis volcano crater"), "desert"),
    **dict.fromkeys(word_list("peak summit"), "snow"),
    **dict.fromkeys(word_list("cliff island bay harbor harbour port marina pier dock lagoon fjord"), "ocean"),
    **dict.fromkeys(word_list("riverbank lakeside lakefront waterfront canal marsh swamp wetland"), "lake"),
    **dict.fromkeys(word_list("courtyard patio terrace porch balcony rooftop campsite"), "garden"),
    **dict.fromkeys(word_list("zoo playground"), "park"),
    "flower bed": "garden",
    **dict.fromkeys(
        word_list(
            "basement attic gymnasium aquarium gallery theater theatre stage arena stadium mall supermarket "
            "market bar pub diner cellar corridor workshop lab laboratory"
        ),
        "room",
    ),
    **dict.fromkeys(word_list("station highway freeway boulevard"), "street"),
    **dict.fromkeys(word_list("skyline downtown metropolis suburb neighborhood neighbourhood"), "city"),
    "mountain peak": "snow",
    "parking lot": "street",
    "gas station": "street",
    "train station": "street",
    "art gallery": "room",
    "living room": "room",
    "coffee shop": "room",
    "city street": "street",
    "town square": "city",
    "city square": "city",
    "wooded area": "forest",
    "swimming pool": "lake",
}
"""Place nouns -> Plan.environment. A noun phrase headed by one is the setting, not an entity."""

ENVIRONMENT_ADJECTIVES: dict[str, str] = {
    "snowy": "snow",
    "wintry": "snow",
    "icy": "snow",
    "frozen": "snow",
    "sandy": "beach",
    "grassy": "field",
    "urban": "city",
    "indoor": "room",
    "indoors": "room",
    "underwater": "ocean",
    "wooded": "forest",
    "forested": "forest",
}
"""Words that set the environment when no place noun does."""
DEFAULT_ENVIRONMENT = "field"

SCENERY_NOUNS: frozenset[str] = frozenset(
    word_list(
        "sky ground floor day night sunset sunrise dawn dusk morning afternoon evening noon midnight "
        "background foreground screen frame scene distance air middle side center centre top bottom "
        "end edge left right sunlight moonlight light weather wind breeze gust water timelapse "
        "time-lapse video footage view shot camera viewer way direction moment time hour season "
        "autumn fall summer spring surface horizon heat rain mist fog sunshine shade shadow daylight "
        "nighttime darkness lunch dinner breakfast party festival concert day-time area place spot "
        "slope space atmosphere circle loop zigzag backdrop landscape scenery skyline panorama vista "
        "cityscape seascape surroundings corner heart midst depths outskirts ceiling"
    )
)
"""Nouns that name the setting or a time, never a thing to build."""

EFFECT_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        word_list(
            "rain rainfall raindrop raindrops drizzle downpour rainstorm storm thunderstorm monsoon deluge"
        ),
        "rain",
    ),
    **dict.fromkeys(word_list("snowfall snowflake snowflakes blizzard snowstorm flurry flurries"), "snow"),
    "falling snow": "snow",
    **dict.fromkeys(word_list("fog mist haze smog"), "fog"),
    **dict.fromkeys(word_list("sunset sunrise dawn dusk twilight sundown daybreak sunup"), "sunset"),
    "golden hour": "sunset",
    **dict.fromkeys(word_list("night nighttime midnight moonlight darkness nightfall"), "night"),
    "night sky": "night",
}
"""Weather and light nouns -> the Effect drawn over the frames ('in a heavy downpour', 'at sunset')."""
EFFECT_ADJECTIVES: dict[str, str] = {
    **dict.fromkeys(word_list("rainy raining stormy drizzly"), "rain"),
    **dict.fromkeys(word_list("snowing"), "snow"),
    **dict.fromkeys(word_list("foggy misty hazy smoggy"), "fog"),
    **dict.fromkeys(word_list("moonlit nocturnal"), "night"),
}
"""Words other than nouns that bring an effect: 'a rainy street', 'a misty lake', 'it is snowing'."""

MATERIALS: frozenset[str] = frozenset(
    word_list(
        "leather velvet crystal marble silk satin suede lace wool woolen woollen cotton denim linen corduroy "
        "tweed wood wooden timber mahogany teak bamboo wicker rattan stone granite sandstone brick concrete "
        "metal metallic steel iron copper brass bronze tin aluminum aluminium chrome glass porcelain "
        "ceramic clay terracotta plastic rubber paper cardboard felt"
    )
)
"""Materials and textures: a modifier that says what a thing is made of ('a leather bag'), not a thing."""

PART_NOUNS: frozenset[str] = frozenset(
    word_list(
        "tongue tooth teeth eyebrow eyebrows eyelash nail nails finger fingers toe toes lip lips cheek neck "
        "shoulder shoulders knee knees foot feet wrist elbow chest belly whisker whiskers claw claws beak "
        "fin fins hoof hooves antler antlers tusk tusks feather clothes clothing outfit attire wear garment "
        "mask necklace bracelet ring earring earrings"
    )
)
"""Body parts and clothes besides WEARABLES: part of a thing built ('brushing teeth'), not a thing itself."""

NO_THING_NOUNS: frozenset[str] = frozenset(
    word_list(
        "kind type sort style form version manner fashion tableau picture image photo photograph portrait "
        "moment instant era century decade age period touch hint bit sense feeling mood beauty charm grace "
        "elegance harmony presence puzzle mystery symbol witness passage tranquility serenity silence peace "
        "haven contemplation thought idea dream memory story history legacy life effect focus motion "
        "movement speed pace rhythm energy action activity sport game match event ceremony performance "
        "presentation meeting lesson exercise workout practice routine trip journey tour walk stroll hike "
        "ride chase fight dance ballet yoga tai chi chess slow motion time lapse rush hour setting setup "
        "arrangement composition detail details pattern patterns design color colour shade hue tone texture "
        "quality condition state situation process change transition way part piece side kind"
    )
)
"""Words that name no thing to build: kinds, views, moments, qualities, activities and events."""
ABSTRACT_SUFFIXES: tuple[str, ...] = ("ity", "ness", "ism", "hood", "dom")
"""Suffixes of abstract nouns ('tranquility', 'loneliness'): an unknown noun ending so is no thing."""
UNKNOWN_ADJECTIVE_SUFFIXES: tuple[str, ...] = ("ic", "al", "ous", "ive", "esque", "ful", "less", "ish", "ed")
"""Suffixes that make a word no dictionary knows an adjective ('iconic', 'amber-hued'), not a noun."""
KIND_CATEGORIES: dict[str, str] = {
    **dict.fromkeys(word_list("rodent"), "mouse"),
    **dict.fromkeys(["lagomorph", "leporid"], "rabbit"),
    **dict.fromkeys(["feline", "felid", "big cat", "viverrine"], "cat"),
    **dict.fromkeys(["canine", "canid", "musteline mammal", "procyonid", "carnivore", "mammal"], "dog"),
    **dict.fromkeys(["odd-toed ungulate", "equine", "ungulate", "pachyderm"], "horse"),
    **dict.fromkeys(["even-toed ungulate", "bovid", "bovine", "ruminant"], "cow"),
    **dict.fromkeys(["cervid", "antelope"], "deer"),
    **dict.fromkeys(["swine", "suid"], "pig"),
    **dict.fromkeys(["primate", "ape", "anthropoid"], "monkey"),
    **dict.fromkeys(["marsupial"], "kangaroo"),
    **dict.fromkeys(["cetacean", "aquatic mammal"], "dolphin"),
    **dict.fromkeys(["pinniped"], "seal"),
    **dict.fromkeys(
        ["bird", "passerine", "raptor", "wading bird", "aquatic bird", "gallinaceous bird"], "bird"
    ),
    **dict.fromkeys(["fish", "food fish", "bony fish", "cartilaginous fish", "aquatic vertebrate"], "fish"),
    **dict.fromkeys(["reptile", "saurian", "diapsid", "serpent", "snake", "dinosaur"], "lizard"),
    **dict.fromkeys(["chelonian", "testudines"], "turtle"),
    **dict.fromkeys(["amphibian", "anuran", "salientian"], "frog"),
    **dict.fromkeys(["insect", "hymenopterous insect", "dipterous insect"], "bee"),
    **dict.fromkeys(["lepidopterous insect"], "butterfly"),
    **dict.fromkeys(["beetle", "coleopterous insect"], "ladybug"),
    **dict.fromkeys(["crustacean", "arachnid", "arthropod"], "crab"),
    **dict.fromkeys(["gastropod", "mollusk", "invertebrate"], "snail"),
    **dict.fromkeys(["cephalopod"], "octopus"),
    **dict.fromkeys(["coelenterate", "cnidarian"], "jellyfish"),
    **dict.fromkeys(["stringed instrument", "chordophone"], "guitar"),
    **dict.fromkeys(["wind instrument", "brass", "woodwind"], "trumpet"),
    **dict.fromkeys(["percussion instrument", "percussive instrument"], "drum"),
    **dict.fromkeys(["keyboard instrument", "musical instrument"], "piano"),
    **dict.fromkeys(["ship", "craft"], "boat"),
    **dict.fromkeys(["aircraft", "heavier-than-air craft"], "airplane"),
    **dict.fromkeys(
        ["motor vehicle", "wheeled vehicle", "self-propelled vehicle", "vehicle", "conveyance"], "car"
    ),
    **dict.fromkeys(["seat"], "chair"),
    **dict.fromkeys(["furniture", "furnishing"], "table"),
    **dict.fromkeys(["bedclothes", "cushion"], "pillow"),
    **dict.fromkeys(["source of illumination", "light source", "lighting fixture", "light fixture"], "lamp"),
    **dict.fromkeys(["kitchen utensil", "cooking utensil", "cookware"], "pot"),
    **dict.fromkeys(["cutlery", "eating utensil"], "fork"),
    **dict.fromkeys(["tableware", "crockery", "dish", "dishware"], "plate"),
    **dict.fromkeys(["drinking vessel"], "cup"),
    **dict.fromkeys(["bag", "case", "baggage", "luggage"], "suitcase"),
    **dict.fromkeys(["container", "receptacle", "box"], "box"),
    **dict.fromkeys(["polyhedron", "regular polyhedron", "block", "prism", "cuboid"], "building block"),
    **dict.fromkeys(["sphere", "ball", "globe", "round shape"], "ball"),
    **dict.fromkeys(["cone"], "traffic cone"),
    **dict.fromkeys(["footwear"], "shoe"),
    **dict.fromkeys(["headdress", "headgear"], "hat"),
    **dict.fromkeys(["weapon", "weaponry", "sword"], "sword"),
    **dict.fromkeys(["edge tool", "cutter", "cutting implement"], "knife"),
    **dict.fromkeys(["writing implement"], "pen"),
    **dict.fromkeys(["toy", "plaything", "game equipment", "sports equipment"], "ball"),
    **dict.fromkeys(["home appliance", "household appliance", "white goods"], "refrigerator"),
    **dict.fromkeys(["heater", "stove", "furnace"], "oven"),
    **dict.fromkeys(["horizontal surface", "platform", "counter", "stand"], "table"),
    **dict.fromkeys(["electronic equipment", "monitor", "display"], "television"),
    **dict.fromkeys(["computer", "data processor"], "laptop"),
    **dict.fromkeys(["telephone", "telephone set"], "cell phone"),
    **dict.fromkeys(["timepiece", "timekeeper"], "clock"),
    **dict.fromkeys(["award", "prize", "honor", "honour", "medal"], "trophy"),
    **dict.fromkeys(["mirror"], "mirror"),
    **dict.fromkeys(["picture", "representation", "art", "graphic art"], "painting"),
    **dict.fromkeys(["sculpture", "statue", "figure", "effigy"], "person"),
    **dict.fromkeys(
        [
            "building",
            "edifice",
            "housing",
            "dwelling",
            "place of worship",
            "mercantile establishment",
            "shop",
        ],
        "house",
    ),
    **dict.fromkeys(["tower", "column", "pillar", "monument", "memorial", "obelisk"], "tower"),
    **dict.fromkeys(["structure", "construction"], "wall"),
    **dict.fromkeys(["barrier", "fence", "enclosure"], "fence"),
    **dict.fromkeys(["shelter", "tent", "canopy"], "tent"),
    **dict.fromkeys(["robot", "automaton"], "robot"),
    **dict.fromkeys(["covering", "cloth", "fabric", "textile"], "towel"),
    **dict.fromkeys(["book", "publication", "print media"], "book"),
    **dict.fromkeys(["beverage", "drink", "alcohol", "liquid"], "bottle"),
    **dict.fromkeys(["edible fruit", "fruit", "pome", "drupe"], "apple"),
    **dict.fromkeys(["berry"], "grapes"),
    **dict.fromkeys(["citrus", "citrus fruit"], "orange"),
    **dict.fromkeys(["vegetable", "root vegetable", "produce", "greens"], "carrot"),
    **dict.fromkeys(["cruciferous vegetable"], "broccoli"),
    **dict.fromkeys(["squash", "gourd", "melon"], "pumpkin"),
    **dict.fromkeys(["baked goods", "bread", "breadstuff"], "bread"),
    **dict.fromkeys(["cake", "pastry", "dessert", "sweet", "confection", "candy"], "cake"),
    **dict.fromkeys(["frozen dessert"], "ice cream"),
    **dict.fromkeys(["meal", "nutriment", "course", "food", "foodstuff"], "sandwich"),
    **dict.fromkeys(["nut", "seed"], "coconut"),
    **dict.fromkeys(["tree", "woody plant", "conifer", "palm"], "tree"),
    **dict.fromkeys(
        ["shrub", "bush", "vine", "climber", "grass", "fern", "herb", "vascular plant", "plant"], "bush"
    ),
    **dict.fromkeys(["flower", "angiosperm", "flowering plant", "bulbous plant"], "flower"),
    **dict.fromkeys(["leaf", "foliage", "plant organ", "plant part"], "lily pad"),
    **dict.fromkeys(["houseplant", "pot plant"], "potted plant"),
    **dict.fromkeys(["succulent", "cactus"], "cactus"),
    **dict.fromkeys(["fungus", "agaric", "mushroom"], "mushroom"),
    **dict.fromkeys(["rock", "stone", "natural object", "boulder"], "rock"),
    **dict.fromkeys(["celestial body", "star"], "sun"),
    **dict.fromkeys(
        [
            "person",
            "individual",
            "deity",
            "imaginary being",
            "mythical being",
            "monster",
            "giant",
            "humanoid",
        ],
        "person",
    ),
    **dict.fromkeys(["animal", "beast", "creature"], "dog"),
}
"""WordNet kinds -> the category their members are built as, for a noun the lexicon does not know: WordNet
says a tapir is an odd-toed ungulate (a horse), a mandolin a stringed instrument (a guitar), a kettle a pot.
The nearest kind in a noun's hypernym chain that this table or the lexicon names decides (nouns.py)."""
KIND_EXCLUDED: frozenset[str] = frozenset(word_list("vessel ray crane bat"))
"""Lexicon nouns that name another sense in WordNet's chains: a barrel is a vessel (a container, not the
lexicon's boat), a stingray a ray (a fish, not a sunbeam)."""
KIND_ENVIRONMENTS: dict[str, str] = {
    **dict.fromkeys(["body of water", "inlet", "sea", "ocean", "gulf", "bay", "strait"], "ocean"),
    **dict.fromkeys(["lake", "pond", "stream", "watercourse", "river", "pool", "waterfall"], "lake"),
    **dict.fromkeys(["natural depression", "geological formation", "ravine", "canyon", "crater"], "desert"),
    **dict.fromkeys(["natural elevation", "mountain", "hill", "ridge", "slope", "peak"], "field"),
    **dict.fromkeys(["land", "tract", "field", "grassland", "plain", "farm", "geographical area"], "field"),
    **dict.fromkeys(["opening", "excavation", "hollow", "cavity", "depression"], "field"),  # holes in it
    **dict.fromkeys(["wood", "woodland", "forest"], "forest"),
    **dict.fromkeys(["shore", "beach", "coast", "island"], "beach"),
    **dict.fromkeys(["desert", "dune"], "desert"),
    **dict.fromkeys(["city", "municipality", "urban area", "town", "village", "district", "capital"], "city"),
    **dict.fromkeys(["road", "thoroughfare", "street", "path"], "street"),
    **dict.fromkeys(["room", "area", "building", "establishment"], "room"),
    **dict.fromkeys(["park", "garden", "yard", "grounds"], "garden"),
    **dict.fromkeys(["ice", "glacier", "snowfield"], "snow"),
}
"""WordNet kinds of places -> the environment they are set in: a fjord is an inlet (the ocean), a canyon a
ravine (the desert), Paris a national capital (a city)."""
KIND_EFFECTS: dict[str, str] = {
    **dict.fromkeys(["rain", "rainfall", "precipitation", "storm", "windstorm", "thunderstorm"], "rain"),
    **dict.fromkeys(["snow", "snowfall"], "snow"),
    **dict.fromkeys(["fog", "mist", "haze", "cloud", "atmosphere"], "fog"),
    **dict.fromkeys(["sunset", "sunrise", "twilight", "hour"], "sunset"),
    **dict.fromkeys(["night", "darkness", "dark"], "night"),
}
"""WordNet kinds of weather and light -> the Effect drawn for them: sleet is precipitation (rain)."""
THING_LEXNAMES: frozenset[str] = frozenset(
    word_list("noun.animal noun.artifact noun.food noun.plant noun.person noun.object noun.possession")
)
"""WordNet's lexicographer files of things that can be built (a coin is a possession); the other noun files
name places (noun.location), weather and light (noun.phenomenon), parts of bodies (noun.body), materials
(noun.substance) or no thing (acts, attributes, feelings, events, times, ...)."""

PEOPLE_GROUPS: dict[str, int] = {"couple": 2, "duo": 2, "trio": 3, "quartet": 4}
"""'a couple in evening wear': people, counted."""
NAMED_PLACE_ENVIRONMENT = "city"
ENVIRONMENT_LANDMARKS: dict[str, str] = {
    "beach": "umbrella",
    "park": "tree",
    "garden": "flower",
    "street": "traffic light",
    "room": "table",
    "snow": "rock",
    "ocean": "rock",
    "field": "tree",
    "forest": "tree",
    "desert": "rock",
    "city": "skyscraper",
    "lake": "boat",
}
"""Environment -> the category a prompt that names only a place is shown by ('the Bund Shanghai' -> a
skyscraper in a city, 'a canyon' -> rock in the desert, 'a cliff' -> rock by the sea), named after it."""
SET_NOUNS: dict[str, frozenset[str]] = {
    "grapes": frozenset(word_list("bunch cluster")),
    "skis": frozenset(word_list("pair")),
}
"""Categories built as a set of their own, and the collectives that name one set: 'a bunch of grapes' is one
bunch, 'a pair of skis' one pair."""
"""The environment of a place name that nothing known is near ('the Bund Shanghai'): most are towns."""

STYLE_WORDS: dict[str, str] = {
    **dict.fromkeys(["oil painting", "oil", "oils", "impasto", "oil on canvas"], "oil_painting"),
    **dict.fromkeys(
        ["watercolor", "watercolour", "watercolor painting", "watercolour painting", "aquarelle"],
        "watercolor",
    ),
    **dict.fromkeys(
        ["pencil sketch", "sketch", "pencil drawing", "drawing", "charcoal drawing", "line art", "pencil"],
        "pencil_sketch",
    ),
    **dict.fromkeys(
        ["pixel art", "pixel", "pixelated", "8-bit", "8 bit", "16-bit", "retro game"], "pixel_art"
    ),
    **dict.fromkeys(
        ["black and white", "monochrome", "grayscale", "greyscale", "noir", "film noir"], "black_and_white"
    ),
    **dict.fromkeys(["vintage", "sepia", "retro", "old film", "old movie", "film grain", "vhs"], "vintage"),
    **dict.fromkeys(
        ["cartoon", "animated", "animation", "anime", "comic", "comic book", "manga", "claymation"], "cartoon"
    ),
    **dict.fromkeys(["cyberpunk", "neon", "synthwave", "vaporwave", "futuristic neon"], "cyberpunk"),
    **dict.fromkeys(
        ["ukiyo", "ukiyo-e", "ukiyo e", "woodblock print", "woodblock", "hokusai", "hiroshige"], "ukiyo_e"
    ),
    **dict.fromkeys(["surreal", "surrealism", "surrealist", "dreamlike", "psychedelic", "dali"], "surreal"),
    **dict.fromkeys(
        [
            "van gogh",
            "vincent van gogh",
            "impressionism",
            "impressionist",
            "post-impressionism",
            "starry night",
        ],
        "van_gogh",
    ),
}
"""Style words and phrases -> VideoStyle: 'Van Gogh style', 'in pixel art', ', watercolor painting'."""
STYLE_DESCRIPTIONS: dict[str, str] = {
    "oil_painting": "an oil painting with thick brush strokes on canvas",
    "watercolor": "a soft watercolor painting on paper",
    "pencil_sketch": "a pencil sketch drawing in graphite",
    "pixel_art": "pixel art like a retro video game",
    "black_and_white": "a black and white photograph",
    "vintage": "a vintage sepia film from long ago",
    "cartoon": "a colourful cartoon animation",
    "cyberpunk": "cyberpunk neon lights in a futuristic city",
    "ukiyo_e": "a Japanese ukiyo-e woodblock print",
    "surreal": "a surrealist dreamlike painting",
    "van_gogh": "a post-impressionist painting with swirling strokes by Vincent van Gogh",
}
"""What each VideoStyle looks like, in words: a style phrase no STYLE_WORDS entry names is read by meaning."""
STILL_PHRASES: tuple[str, ...] = (
    "in a still frame",
    "frozen in time",
    "still frame",
    "still life",
    "a still image",
)
"""Phrases that ask for a video in which nothing moves."""

CELESTIAL_NOUNS: frozenset[str] = frozenset(word_list("sun moon star planet rainbow"))
"""Sky things: an entity when the subject of a clause ('the sun rises'), scenery after a preposition."""

WEARABLES: frozenset[str] = frozenset(
    word_list(
        "sweater shirt t-shirt dress apron vest jacket coat hat cap helmet scarf hoodie uniform suit "
        "skirt jeans pants trousers shorts boots shoes glasses sunglasses gloves costume gown robe "
        "tie backpack braids hair beard mustache skin fur feathers wings wing tail trunk paws paw "
        "eyes mane horns horn collar leash ears ear nose mouth hands hand face head legs leg arms arm"
    )
)
"""Clothes and body parts: 'a girl in a pink sweater' describes the girl, it adds no entity."""
WEARABLE_LINKS: frozenset[str] = frozenset(word_list("in with wearing wears wear dressed"))

CAMERA_PHRASES: dict[str, dict[str, float]] = {
    "close-up": {"fov_deg": 30.0},
    "close up": {"fov_deg": 30.0},
    "closeup": {"fov_deg": 30.0},
    "wide shot": {"fov_deg": 70.0},
    "wide-angle": {"fov_deg": 70.0},
    "wide angle": {"fov_deg": 70.0},
    "from above": {"elevation_deg": 55.0},
    "top-down": {"elevation_deg": 75.0},
    "overhead view": {"elevation_deg": 60.0},
    "aerial view": {"elevation_deg": 55.0},
    "bird's-eye view": {"elevation_deg": 65.0},
    "birds-eye view": {"elevation_deg": 65.0},
    "bird's eye view": {"elevation_deg": 65.0},
    "low angle": {"elevation_deg": 2.0},
    "eye level": {"elevation_deg": 5.0},
}
"""Camera phrases -> CameraSpec fields."""

CAMERA_NOUNS: frozenset[str] = frozenset(word_list("camera cam view shot viewpoint"))
"""Subjects of a camera move: 'the camera pans left', 'the view tilts up'."""
CAMERA_ADVERBS: frozenset[str] = frozenset(
    word_list(
        "slowly smoothly gently quickly steadily gradually continuously then also is will starts begins to"
    )
)
"""Words allowed between the camera noun and its verb: 'the camera then slowly starts to orbit'."""


def _camera_verbs(motion: str, lemmas: str, particles: str = "") -> dict[str, str]:
    """'pan turn', 'left|to the left' -> {'pan left': motion, 'pan to the left': motion, ...}.

    Without particles the lemmas stand alone ('follow'). The director inflects the first word."""
    endings = particles.split("|") if particles else [""]
    return {f"{lemma} {ending}".strip(): motion for lemma in word_list(lemmas) for ending in endings}


def _said(motion: str, phrases: str) -> dict[str, str]:
    """'a|b' -> {'a': motion, 'b': motion}."""
    return dict.fromkeys(phrases.split("|"), motion)


AROUND = "around|round|all the way around|all around|around the scene|round the scene"
LEFTWARD, RIGHTWARD = "left|to the left|leftward|leftwards", "right|to the right|rightward|rightwards"
CAMERA_VERB_MOVES: dict[str, str] = {
    **_camera_verbs("orbit", "orbit circle"),
    **_camera_verbs(
        "orbit", "orbit circle go move fly rotate revolve spin swing sweep travel arc pan turn", AROUND
    ),
    **_camera_verbs(
        "dolly_in", "dolly zoom push move creep glide drift track inch come get go draw", "in|closer|forward"
    ),
    **_camera_verbs("dolly_in", "approach"),
    **_camera_verbs("dolly_in", "close", "in"),
    **_camera_verbs(
        "dolly_out",
        "dolly zoom pull move drift glide track draw back go get",
        "out|back|away|backward|backwards|further away|farther away",
    ),
    **_camera_verbs("dolly_out", "back", "up|off"),
    **_camera_verbs("dolly_out", "retreat recede widen"),
    **_camera_verbs("pan_left", "pan turn swing sweep rotate swivel", LEFTWARD),
    **_camera_verbs("pan_right", "pan turn swing sweep rotate swivel", RIGHTWARD),
    **_camera_verbs("tilt_up", "tilt pitch angle", "up|upward|upwards|skyward"),
    **_camera_verbs("tilt_down", "tilt pitch angle", "down|downward|downwards"),
    **_camera_verbs("track", "follow track trail chase pursue shadow tail"),
    **_camera_verbs("track", "move travel go stay ride run fly drive", "with|along with|alongside|beside"),
    **_camera_verbs("track", "keep", "up with|pace with|track of"),
}
"""Verb phrases after a camera noun ('the camera pans left') -> CameraSpec.motion."""

CAMERA_MOVES: dict[str, str] = {
    **_said("orbit", "orbit shot|orbiting shot|orbital shot|orbit camera|orbiting camera|circling shot"),
    **_said("orbit", "circling camera|arc shot|turntable shot|turntable view|360 orbit|360 pan"),
    **_said("orbit", "360 shot|360 degree shot|360-degree shot|360 view|360 degree view|360-degree view"),
    **_said("dolly_in", "dolly in|dolly-in|zoom in on|zoom-in|push in|push-in|slow zoom in|zooming in"),
    **_said("dolly_out", "dolly out|dolly-out|zoom out|zoom-out|pull back|pull-back|pullback|zooming out"),
    **_said("pan_left", "pan left|pan to the left|panning left|panning to the left"),
    **_said("pan_right", "pan right|pan to the right|panning right|panning to the right"),
    **_said("tilt_up", "tilt up|tilt-up|tilting up|tilt upward|tilt upwards"),
    **_said("tilt_down", "tilt down|tilt-down|tilting down|tilt downward|tilt downwards"),
    **_said("track", "tracking shot|tracking camera|tracking view|follow shot|following shot|follow cam"),
    **_said("track", "follow camera|chase cam|chase camera"),
}
"""Camera moves said without a camera noun ('a tracking shot of ...', 'zoom in on ...') -> motion.

Only base forms and nouns: 'a car zooms in the street' is not a camera move."""
CAMERA_TAILS: list[str] = ["shot", "move", "movement", "of", "to reveal", "revealing", "to show", "showing"]
"""Words that may follow a camera phrase and belong to it: 'a tilt down shot of', 'pulls back to reveal'."""
CAMERA_ANGLE_FIELDS: dict[str, str] = {
    "orbit": "orbit_deg",
    "pan_left": "pan_deg",
    "pan_right": "pan_deg",
    "tilt_up": "tilt_deg",
    "tilt_down": "tilt_deg",
}
"""Which CameraSpec field an 'N degrees' in the prompt sets, per motion."""


def _sides(template: str, suffix: str = "") -> dict[str, str]:
    """Expand a phrase with {side} into its left and right forms: {'to the left of': 'left_of', ...}."""
    return {template.format(side=side): side + suffix for side in ("left", "right")}


RELATION_PHRASES: dict[str, str] = {
    **_sides("on the {side} of", "_of"),
    **_sides("on the {side} side of", "_of"),
    **_sides("on the {side}-hand side of", "_of"),
    **_sides("on the {side} hand side of", "_of"),
    **_sides("at the {side} of", "_of"),
    **_sides("at the {side} side of", "_of"),
    **_sides("to the {side} of", "_of"),
    **_sides("to the {side} side of", "_of"),
    **_sides("towards the {side} of", "_of"),
    **_sides("towards the {side} side of", "_of"),
    **_sides("toward the {side} of", "_of"),
    **_sides("toward the {side} side of", "_of"),
    **_sides("{side} of", "_of"),
    "in front of": "in_front_of",
    "in the front of": "in_front_of",
    "behind": "behind",
    "in back of": "behind",
    "at the back of": "behind",
    "in the back of": "behind",
    "on top of": "on",
    "on the top of": "on",
    "onto": "on",
    "atop": "on",
    "on": "on",
    "upon": "on",
    "under": "under",
    "underneath": "under",
    "beneath": "under",
    "above": "above",
    "over": "above",
    "below": "below",
    "next to": "next_to",
    "beside": "next_to",
    "besides": "next_to",
    "alongside": "next_to",
    "by the side of": "next_to",
    "near": "near",
    "close to": "near",
    "by": "near",
    "nearby": "near",
    "near to": "near",
}
"""Spatial phrases -> RelationPredicate. Longest match wins ('on the left of' before 'on')."""

SIDE_PHRASES: dict[str, str] = {
    **_sides("on the {side}"),
    **_sides("on the {side} side"),
    **_sides("at the {side}"),
    **_sides("at the {side} side"),
}
"""'a dog on the left and a cat on the right': a place on screen, not a relation by itself."""

DIRECTION_PHRASES: dict[str, str] = {
    **_sides("to the {side}"),
    **_sides("to the {side} side"),
    **_sides("towards the {side}"),
    **_sides("toward the {side}"),
    **_sides("{side}wards"),
    **_sides("{side}ward"),
    **_sides("to its {side}"),
    **_sides("to their {side}"),
    "towards the camera": "toward",
    "toward the camera": "toward",
    "towards the viewer": "toward",
    "toward the viewer": "toward",
    "towards us": "toward",
    "toward us": "toward",
    "towards the screen": "toward",
    "toward the screen": "toward",
    "at the camera": "toward",
    "away from the camera": "away",
    "away from the viewer": "away",
    "away from us": "away",
    "into the distance": "away",
    "away": "away",
    "up": "up",
    "upward": "up",
    "upwards": "up",
    "skyward": "up",
    "skywards": "up",
    "into the sky": "up",
    "into the air": "up",
    "down": "down",
    "downward": "down",
    "downwards": "down",
    "to the ground": "down",
}
"""Motion phrases -> Direction. Bare 'left'/'right' after a verb are handled by the parser."""

SIDE_DIRECTIONS: dict[str, str] = {"left": "left", "right": "right", "top": "up", "bottom": "down"}
"""'from the left to the right', 'from the bottom to the top': the side moved to -> Direction."""

MOVE = "move"
"""VERB_CLIPS value for verbs that only say 'it moves': the category's natural clip is used."""

VERB_CLIPS: dict[str, str] = {
    **dict.fromkeys(
        word_list(
            "run jog sprint dash dart race rush hurry chase flee gallop charge scurry scamper zoom bolt "
            "scramble speed fetch escape pursue"
        ),
        "run",
    ),
    **dict.fromkeys(
        word_list(
            "walk stroll wander stride march strut waddle tiptoe pace hike trot sneak slink prowl stalk "
            "creep crawl step saunter amble roam explore patrol limp shuffle trudge cross follow "
            "lead wade skate ski trek"
        ),
        "walk",
    ),
    **dict.fromkeys(word_list("jump leap bound pounce vault spring dive dance"), "jump"),
    **dict.fromkeys(word_list("hop skip bounce"), "hop"),
    **dict.fromkeys(word_list("climb scale clamber"), "climb"),
    **dict.fromkeys(word_list("fly soar flutter hover swoop flap buzz glide float drift"), "fly"),
    **dict.fromkeys(word_list("swim paddle sail row surf splash"), "swim"),
    **dict.fromkeys(word_list("roll tumble"), "roll"),
    **dict.fromkeys(word_list("spin rotate twirl whirl pirouette revolve swivel"), "spin"),
    **dict.fromkeys(word_list("drive ride cycle pedal steer cruise motor tow haul"), "drive"),
    **dict.fromkeys(word_list("sit perch lounge squat kneel crouch nap doze lie"), "sit"),
    "wave": "wave",
    **dict.fromkeys(
        word_list(
            "stand rest wait stay pause stop idle graze eat drink sniff bask sunbathe watch look stare "
            "hang hold read write paint build play sing talk bark meow chirp smile laugh cry hide "
            "park place display suspend lean sway shine glow melt grow bloom hunt fish feed nibble peck "
            "toast slice cook admire discuss share wield spray vibrate collide rummage morph transform "
            "transition change gather huddle chat pose sleep"
        ),
        "idle",
    ),
    **dict.fromkeys(
        word_list(
            "move go travel head pass proceed advance come approach retreat journey migrate slide descend "
            "ascend rise fall sink drop land lift kick throw toss push pull launch fling hurl circle "
            "orbit return leave enter exit emerge weave carry shoot bob"
        ),
        MOVE,
    ),
}
"""Verb lemma -> Clip, or MOVE for the category's natural clip."""

STILL_PASSIVES: frozenset[str] = frozenset(word_list("leave put set lay"))
"""Moving verbs whose passive says where a thing rests: 'apples are left on the table' do not move."""

VERB_DIRECTIONS: dict[str, str] = {
    **dict.fromkeys(word_list("ascend rise lift climb launch"), "up"),
    **dict.fromkeys(word_list("descend fall sink drop land dive"), "down"),
    "approach": "toward",
    "come": "toward",
    "retreat": "away",
    "leave": "away",
    "circle": "around",
    "orbit": "around",
}
"""Verbs that imply a direction when the prompt gives none."""

CAUSATIVE_VERBS: frozenset[str] = frozenset(
    word_list("kick throw toss push pull lift launch fling hurl shoot")
)
"""'a boy kicks a ball to the right': the object moves, not the subject."""

LOAD_VERBS: frozenset[str] = frozenset(word_list("carry haul transport deliver"))
"""'a truck hauling pumpkins', 'a donkey carrying bags': the load rides on a carrier that is not a person or
a bird (who hold what they carry; on a head it would read as a hat)."""
HAND_CARRIER_RIGS: frozenset[str] = frozenset(word_list("biped bird"))

STILL_CLIPS: frozenset[str] = frozenset(["idle", "sit", "wave"])
"""Clips that ignore 'down' ('sits down') and have no direction."""

NATURAL_CLIPS: dict[str, str] = {
    "biped": "walk",
    "quadruped": "walk",
    "bird": "fly",
    "fish": "swim",
    "wheeled": "drive",
    "ball": "roll",
    "static": "walk",
}
"""Catalog rig -> the clip a plain 'moves' means (boats swim: see FLOATING_CLIP)."""
FLOATING_CLIP = "swim"

RIG_CLIP_FIXES: dict[str, dict[str, str]] = {
    "wheeled": {"walk": "drive", "run": "drive", "roll": "drive", "swim": "drive", "fly": "drive"},
    "ball": {"walk": "roll", "run": "roll", "drive": "roll", "swim": "roll"},
    "fish": {"walk": "swim", "run": "swim", "drive": "swim", "roll": "swim"},
}
"""Clips a rig cannot play -> the one it plays instead ('a car races' drives)."""

IRREGULAR_VERBS: dict[str, str] = {
    "ran": "run", "flew": "fly", "flown": "fly", "swam": "swim", "swum": "swim", "rode": "ride",
    "ridden": "ride", "drove": "drive", "driven": "drive", "sat": "sit", "stood": "stand",
    "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "went": "go", "gone": "go",
    "came": "come", "threw": "throw", "thrown": "throw", "hid": "hide", "hidden": "hide", "lay": "lie",
    "lain": "lie", "lying": "lie", "slid": "slide", "spun": "spin", "sank": "sink", "sunk": "sink",
    "leapt": "leap", "crept": "creep", "sprang": "spring", "sprung": "spring", "strode": "stride",
    "hung": "hang", "stuck": "hang", "strung": "hang", "dove": "dive", "ate": "eat", "eaten": "eat",
    "built": "build", "held": "hold", "struck": "hit", "shot": "shoot", "slept": "sleep", "led": "lead",
    "left": "leave", "sang": "sing", "drank": "drink", "fed": "feed", "caught": "catch", "took": "take",
    "stolen": "steal", "stole": "steal", "flung": "fling", "wove": "weave", "woven": "weave",
    "swung": "swing", "swept": "sweep", "thrust": "push", "bitten": "bite", "bit": "bite",
}  # fmt: skip
"""Irregular verb forms -> lemma."""

EXTRA_VERBS: frozenset[str] = frozenset(
    word_list(
        "catch take steal swing sweep bite hit kiss hug chew dig bring grab pick open close fill pour "
        "cut plow chop mow wash clean brush comb fix repair plant water wear use make create blow "
        "sprinkle stir bake fry boil serve shake wag lick stretch yawn clap point reach touch knock "
        "tap beat strike kill fight attack protect guard listen hear see observe notice crash burst "
        "explode pop sparkle twinkle flicker flash shimmer ripple flow pierce swirl reflect shelter "
        "lurk sip hatch burn ripen wilt fade turn become thaw expand shrink empty carve dangle "
        "balance type host conduct teach knit sketch lay don taste progress remain tarnish stain "
        "diminish wax wane crack wither sprout rot freeze evaporate twist bend collapse"
    )
)
"""Verbs with no clip of their own (they animate 'idle'); listed so they are not read as nouns."""


IRREGULAR_PLURALS: dict[str, str] = {
    "people": "person", "children": "child", "men": "man", "women": "woman", "geese": "goose",
    "mice": "mouse", "teeth": "tooth", "feet": "foot", "oxen": "ox", "lice": "louse", "cacti": "cactus",
    "fungi": "fungus", "dice": "die", "kitties": "kitty", "puppies": "puppy", "ponies": "pony",
    "cookies": "cookie", "movies": "movie", "pies": "pie", "ties": "tie", "zombies": "zombie",
    "hoodies": "hoodie", "brownies": "brownie", "selfies": "selfie", "leaves": "leaf", "wolves": "wolf",
    "calves": "calf", "halves": "half", "shelves": "shelf", "knives": "knife", "wives": "wife",
    "lives": "life", "loaves": "loaf", "scarves": "scarf", "thieves": "thief", "elves": "elf",
    "hooves": "hoof", "buses": "bus", "gases": "gas", "lenses": "lens", "circuses": "circus",
    "octopuses": "octopus", "walruses": "walrus", "cactuses": "cactus", "canvases": "canvas",
    "shoes": "shoe", "canoes": "canoe", "toes": "toe", "oboes": "oboe", "emus": "emu", "gnus": "gnu",
    "menus": "menu", "axes": "axe", "quizzes": "quiz",
}  # fmt: skip
"""Plurals the suffix rules get wrong -> singular."""

INVARIANT_NOUNS: frozenset[str] = frozenset(
    word_list(
        "sheep fish deer moose bison salmon trout aircraft series species shrimp squid offspring "
        "swine elk cattle"
    )
)
"""Nouns whose plural is the singular: the count comes from the number word."""

NOT_PLURAL: frozenset[str] = frozenset(
    word_list(
        "bus gas lens atlas canvas iris tennis chess axis chassis basis oasis analysis crisis pelvis "
        "news physics mathematics this his its yes plus always perhaps christmas pajamas lotus "
        "hippopotamus platypus octopus cactus circus walrus virus campus asparagus hummus citrus "
        "fungus class glass grass dress boss moss mess chaos bias ferris trellis debris ibis mantis "
        "metropolis clematis rhinoceros"
    )
)
"""Words ending in s that are singular."""

SINGULAR_MEN: frozenset[str] = frozenset(word_list("omen semen abdomen specimen ramen stamen hymen"))
"""Words ending in -men that are not plurals of -man."""


def category_noun(name: str) -> str | None:
    """The longest ending of `name` that NOUN_CATEGORIES or NEAREST_CATEGORIES lists ('cafe table' -> 'table',
    'toy car' -> 'toy car'), or None. Its entries there, in NOUN_HEIGHTS_M and in NATURAL_COLORS describe it.

    A compound noun is one word: an ending that is a COMPOUND_NOUNS entry without a category ends the search,
    so 'hot dog' never reads as 'dog'."""
    words = name.split()
    for start in range(len(words)):
        ending = " ".join(words[start:])
        if ending in NOUN_CATEGORIES or ending in NEAREST_CATEGORIES:
            return ending
        if ending in COMPOUND_NOUNS:
            return None
    return None


def noun_kind(noun: str, category: str) -> Literal["known", "nearest", "generic"]:
    """How an entity named `noun` (singular, as a plan names it) is built as `category`.

    'known': the noun's own category (NOUN_CATEGORIES); 'generic': the generic, labelled asset; 'nearest':
    any other category stands in for it (a squirrel built as a cat). The eval report counts these."""
    if category == "generic":
        return "generic"
    own = NOUN_CATEGORIES.get(category_noun(" ".join(noun.lower().split())) or "")
    return "known" if own == category else "nearest"


NOUNS = set(NOUN_CATEGORIES) | set(NEAREST_CATEGORIES)
"""Nouns with a category of their own or a stand-in."""
KNOWN_NAMES = NOUNS | COMPOUND_NOUNS | set(ENVIRONMENT_NOUNS)
"""Every noun the lexicon knows, multi-word ones included: those with a category, compounds and places."""


def category_of(name: str, *, stand_in: bool = True) -> str:
    """The catalog category of a noun, from the longest ending the lexicon knows ('cafe table' -> table): its
    own, else the nearest one that stands in for it ('squirrel' -> cat; not when `stand_in` is False), else
    'generic'."""
    noun = category_noun(name)
    if noun is None or (noun in NEAREST_CATEGORIES and not stand_in):
        return "generic"
    return NOUN_CATEGORIES.get(noun) or NEAREST_CATEGORIES[noun]


def natural_color(name: str, category: str) -> str | None:
    """The colour a noun is painted when the prompt names none (NATURAL_COLORS): an elephant built as a
    horse is gray, a polar bear white; None where its category's own colour is right."""
    noun = category_noun(name)
    return None if noun is None else NATURAL_COLORS.get(noun)
