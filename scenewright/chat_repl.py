"""`scenewright chat`: a terminal REPL over one chat thread.

On a terminal it prompts and shows render progress on one updating line; when standard input is not a
terminal it reads one message per line and prints plain lines, so a conversation can be scripted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from scenewright.chat import ChatSession, delete_thread, describe_plan, list_threads
from scenewright.graphs.chat import ChatTurn
from scenewright.schema import Plan

HELP = """Type what to change: "make the dog red", "add a second ball", "the cat walks behind the tree",
"slower", "lower the camera". Commands:
  /undo, /redo      step back or forward through the plans
  /history          every turn of this thread
  /open             open the latest video with the system's viewer
  /export DIR       copy the latest turn's outputs into DIR, a new or empty folder
  /help, /quit"""


def add_chat_parser(commands: argparse._SubParsersAction, add_run: Callable, add_providers: Callable) -> None:
    chat = commands.add_parser(
        "chat",
        help="refine one video over many messages (threads persist across restarts)",
        description="Each message edits the video on screen; only what it touches is rebuilt. Threads live "
        "in OUT/threads.sqlite and each turn's outputs in OUT/THREAD/turn-NNN.",
    )
    chat.add_argument("--thread", default="default", help="thread name; an existing one resumes (default)")
    chat.add_argument("-o", "--out", default="chats", help="folder of the threads (chats)")
    chat.add_argument("--seed", type=int, help="seed of every random choice (0)")
    chat.add_argument("--list", action="store_true", help="list the threads in OUT and exit")
    chat.add_argument("--delete", metavar="NAME", help="delete a thread and its folder, and exit")
    chat.add_argument(
        "--review", action="store_true", help="show each plan before it is built: approve, edit or cancel it"
    )
    add_run(chat)
    add_providers(chat)


def run_chat(args: argparse.Namespace, settings: Any, llm: Any, stdin: TextIO = sys.stdin) -> int:
    if args.list:
        for name in list_threads(args.out):
            print(name)
        return 0
    if args.delete:
        delete_thread(args.out, args.delete)
        print(f"deleted thread {args.delete}")
        return 0
    interactive = stdin.isatty()
    with ChatSession(args.thread, args.out, settings, llm, review=args.review) as chat:
        progress = ChatProgress(interactive)
        print(f"thread {chat.thread} in {chat.root} ({len(chat.turns)} earlier turn(s)); /help for commands")
        if chat.interrupted:
            print("the last turn was cut off; finishing it")
            attempt(partial(chat.resume, progress))
        while True:
            pending = chat.pending_review
            if pending is not None:
                answer = ask_review(pending, stdin, interactive)
                if answer is None:  # end of input: the plan stays waiting for the thread's next session
                    return 0
                attempt(partial(chat.review, answer, progress))
                continue
            if interactive:
                print("you> ", end="", flush=True)
            line = stdin.readline()
            if not line:
                return 0
            message = line.strip()
            if not message:
                continue
            if message in ("/undo", "/redo"):
                message = message[1:]  # the editor reads them as words too
            elif message.startswith("/"):
                if not command(chat, message):
                    return 0
                continue
            attempt(partial(chat.send, message, progress))


def attempt(turn: Callable[[], ChatTurn | None]) -> None:
    """Run a turn and show it. One that cannot run (a bad message, a busy thread, a refused key) is a
    one-line error, and the session goes on."""
    try:
        show(turn())
    except ValueError as error:
        print(f"error: {error}")


def ask_review(pending: dict[str, Any], stdin: TextIO, interactive: bool) -> dict[str, Any] | None:
    """Print the plan waiting for review and read the answer: y (or an empty line) builds it, n cancels, a
    JSON plan replaces it; None at the end of input."""
    plan = Plan.model_validate(pending["plan"])
    if pending["problem"]:
        print(pending["problem"])
    print("plan to build:")
    for line in describe_plan(plan):
        print(f"  {line}")
    print("build it? y = build, n = cancel, or paste the edited plan as JSON on one line")
    if interactive:
        print("review> ", end="", flush=True)
    line = stdin.readline()
    if not line:
        return None
    answer = line.strip()
    if answer.lower() in ("y", "yes", ""):
        return {"approve": True}
    if answer.lower() in ("n", "no"):
        return {"cancel": True}
    try:
        return {"plan": json.loads(answer)}
    except json.JSONDecodeError:
        return {"plan": answer}  # not JSON: the review says so and asks again


def command(chat: ChatSession, line: str) -> bool:
    """Run a /command; False to quit."""
    name, _, argument = line.partition(" ")
    if name in ("/quit", "/exit"):
        return False
    if name == "/history":
        for turn in chat.turns:
            print(f"{turn.number:>3}. {turn.message}  ->  {'; '.join(turn.changes)}")
    elif name == "/open":
        open_video(chat.video)
    elif name == "/export":
        export(chat, argument.strip())
    else:
        print(HELP)
    return True


def show(turn: ChatTurn | None) -> None:
    if turn is None:
        return
    if turn.out_dir is None:
        print(f"turn {turn.number}: nothing changed: {'; '.join(turn.changes)}")
        return
    verdict = {True: "checks passed", False: "some checks failed", None: "shown again"}[turn.passed]
    print(f"turn {turn.number}: {turn.out_dir}/video.mp4 ({turn.seconds:.1f} s, {verdict})")
    for change in turn.changes:
        print(f"  - {change}")


def open_video(video: Path | None) -> None:
    if video is None:
        print("no video yet")
        return
    opener = {"Darwin": "open", "Windows": "start"}.get(platform.system(), "xdg-open")
    if shutil.which(opener) is None:
        print(f"no viewer ({opener}) here; the video is {video}")
        return
    subprocess.Popen([opener, str(video)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"opened {video}")


def export(chat: ChatSession, argument: str) -> None:
    """Copy the latest turn's outputs into a new (or empty) folder; '~' is the home folder. A path that
    exists or cannot be written is a one-line error, and the session goes on."""
    if not argument:
        print("usage: /export DIR")
        return
    if "\0" in argument:
        print("error: /export: the path contains a NUL character")
        return
    video = chat.video
    if video is None:
        print("no video yet")
        return
    folder = Path(os.path.expanduser(argument))
    try:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            print(f"error: /export: {folder} already exists; give a new or empty folder")
            return
        shutil.copytree(video.parent, folder, dirs_exist_ok=True)
    except OSError as error:
        print(f"error: /export: cannot write {folder}: {error.strerror or error}")
        return
    print(f"copied {video.parent} to {folder}")


class ChatProgress:
    """Stage messages as they come; render frames as one updating line on a terminal, else at each quarter."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.quarter = -1

    def __call__(self, event: dict[str, Any]) -> None:
        if "frame" in event:
            done, total = event["frame"], event["frames"]
            if self.interactive:
                end = "\n" if done == total else ""
                print(f"\r  rendering frame {done}/{total}", end=end, file=sys.stderr, flush=True)
            elif done * 4 // total != self.quarter:
                self.quarter = done * 4 // total if done < total else -1
                print(f"  rendering frame {done}/{total}", file=sys.stderr, flush=True)
        elif event.get("message") not in (None, "started") and event["stage"] != "chat":  # in the reply
            print(f"  {event['stage']}: {event['message']}", file=sys.stderr, flush=True)
