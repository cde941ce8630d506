"""scenewright: a sentence becomes a short video, composed in 3D by LLM agents."""

import os

# numba's OpenMP threads spin after each parallel kernel and starve torch's threads in the same process
# (a 24-frame render took 20.5 s instead of 4.7 s on 2 cores); idle threads must sleep. Set before either
# library loads; a user's own setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from scenewright.api import GenerateError, GenerateResult, generate
from scenewright.settings import RunSettings

__all__ = ["GenerateError", "GenerateResult", "RunSettings", "generate"]
__version__ = "0.1.0"
