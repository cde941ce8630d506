"""The one language module: how every part of scenewright reads words.

`words` (normalising, word classes, morphology), `phrases` (multi-word phrases as marker tokens, camera
phrases) and `lexicon` (the known words as data, and the noun -> category lookup). Import the submodules;
this package re-exports nothing.
"""
