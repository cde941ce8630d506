"""scenewright: a sentence becomes a short video, composed in 3D by LLM agents."""

from scenewright.api import GenerateError, GenerateResult, generate
from scenewright.settings import RunSettings

__all__ = ["GenerateError", "GenerateResult", "RunSettings", "generate"]
__version__ = "0.1.0"
