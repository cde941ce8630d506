"""scenewright: a sentence becomes a short video, composed in 3D by LLM agents.

Importing it changes nothing in the process (nor imports torch or numba): a program that embeds it calls
`configure_process()` first (scenewright/runtime.py), as the CLI does.
"""

from scenewright.api import GenerateError, GenerateResult, generate
from scenewright.runtime import configure_process
from scenewright.settings import RunSettings

__all__ = ["GenerateError", "GenerateResult", "RunSettings", "configure_process", "generate"]
__version__ = "0.1.0"
