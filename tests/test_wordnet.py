"""The WordNet reader parses the database's own format (wndb(5)): a tiny database written here, byte offsets
and all, so the parser is tested without a system install."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenewright.tools.language import wordnet as wn


def write_database(folder: Path, synsets: list[tuple[str, int, list[str], list[int]]]) -> dict[str, int]:
    """Write data.noun and index.noun for (key, lexicographer file number, words, hypernym keys' positions);
    returns each key's offset."""
    header = "  1 This is a test database, in WordNet's layout.  \n"
    lines, offsets, position = [], {}, len(header.encode())
    for key, lexfile, words, hypernyms in synsets:  # offsets have 8 digits: a line's length is known before
        offsets[key] = position
        position += len(_line(0, lexfile, words, [0] * len(hypernyms)).encode())
    for key, lexfile, words, hypernyms in synsets:
        lines.append(_line(offsets[key], lexfile, words, [offsets[synsets[h][0]] for h in hypernyms]))
    (folder / "data.noun").write_text(header + "".join(lines), encoding="latin-1")
    index = [header]
    for key, _, words, _ in synsets:
        for word in words:
            index.append(f"{word} n 1 1 @ 1 0 {offsets[key]:08d}  \n")
    (folder / "index.noun").write_text(
        "".join(sorted(index, key=lambda line: line.strip())), encoding="latin-1"
    )
    (folder / "noun.exc").write_text("geese goose\n", encoding="latin-1")
    return offsets


def _line(offset: int, lexfile: int, words: list[str], hypernyms: list[int]) -> str:
    listed = " ".join(f"{word} 0" for word in words)
    pointers = " ".join(f"@ {h:08d} n 0000" for h in hypernyms)
    counts = f"{len(words):02x} {listed} {len(hypernyms):03d}"
    return f"{offset:08d} {lexfile:02d} n {counts} {pointers} | a gloss  \n"


@pytest.fixture
def database(tmp_path: Path) -> wn.WordNet:
    write_database(
        tmp_path,
        [
            ("animal", 3, ["animal"], []),
            ("ungulate", 5, ["ungulate", "hoofed_mammal"], [0]),
            ("tapir", 5, ["tapir"], [1]),
            ("goose", 5, ["goose"], [0]),
        ],
    )
    return wn.WordNet(tmp_path)


def test_senses_carry_their_lexicographer_file_words_and_hypernyms(database: wn.WordNet) -> None:
    (tapir,) = database.senses("tapir")
    assert (tapir.lexname, tapir.words) == ("noun.animal", ("tapir",))
    chain = [(distance, synset.words) for distance, synset in database.kinds(tapir)]
    assert chain == [(0, ("tapir",)), (1, ("ungulate", "hoofed mammal")), (2, ("animal",))]


def test_multi_word_and_inflected_nouns_are_found(database: wn.WordNet) -> None:
    assert database.senses("hoofed mammal")[0].words[0] == "ungulate"
    assert database.senses("geese")[0].words == ("goose",)
    assert database.senses("platypus") == []


def test_the_database_is_found_where_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCENEWRIGHT_WORDNET", str(tmp_path))
    assert wn.wordnet_folder() is None  # no database files there
    write_database(tmp_path, [("animal", 3, ["animal"], [])])
    assert wn.wordnet_folder() == tmp_path
