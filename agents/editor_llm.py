"""The director's model reading a chat message as edit operations (prompts/editor.md).

The model answers with the same typed operations as the offline editor (`agents.editor.Edit`); an answer
whose operations cannot apply to the plan (an unknown id, a count out of range) is sent back for repair
with the reason, and a model that gives no usable answer leaves the message to the offline editor.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from scenewright.agents.editor import Edit, EditError, EditRequest, apply_edits
from scenewright.agents.llm import AgentLLM
from scenewright.schema import CameraMotion, Clip, Direction, Model, Plan, RelationPredicate
from scenewright.tools.language import lexicon as lx
from scenewright.tools.scene.catalog import CATEGORIES


class EditAnswer(Model):
    """What the model makes of one chat message."""

    command: Literal["edit", "undo", "redo", "new"]
    text: str = Field(description="For 'new': the new scene's prompt; otherwise the message.")
    edits: list[Edit] = Field(default_factory=list, description="For 'edit': the operations, in order.")


def read_edit_llm(plan: Plan, message: str, duration_s: float, llm: AgentLLM) -> EditRequest | None:
    """The message as an EditRequest on `plan`, or None when the model gave no usable answer."""

    def to_request(answer: EditAnswer) -> EditRequest:
        if answer.command == "edit":
            if not answer.edits:
                raise EditError("an 'edit' needs at least one operation")
            apply_edits(plan, answer.edits, duration_s)  # raises (for repair) when one cannot apply
        text = answer.text if answer.command == "new" else message
        return EditRequest(answer.command, list(answer.edits) if answer.command == "edit" else [], text)

    return llm.ask(
        EditAnswer,
        convert=to_request,
        variables={
            "plan": plan.model_dump_json(exclude={"prompt"}),
            "message": message,
            "categories": ", ".join(CATEGORIES),
            "colors": ", ".join(lx.COLORS),
            "predicates": ", ".join(get_args(RelationPredicate)),
            "clips": ", ".join(get_args(Clip)),
            "directions": ", ".join(get_args(Direction)),
            "camera_motions": ", ".join(get_args(CameraMotion)),
        },
    )
