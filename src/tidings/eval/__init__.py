"""``tidings eval TASK``: score Tidings against gold sets kept outside the project.

Each task module has ``DEFAULT`` (its data path under the shared data directory) and
``run(path, settings, console, show_errors)``. The shared data directory is, in order: the
``--data`` option, ``TIDINGS_DATA_DIR``, ``../shared/data`` from the working directory, or from
the project root (for an editable install).
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ..config import Settings
from ..errors import ConfigError
from . import conflibert, extraction, metadata, ner, petrarch, places, plover, quotes

TASKS = {
    "conflibert": conflibert,
    "extraction": extraction,
    "metadata": metadata,
    "ner": ner,
    "petrarch": petrarch,
    "places": places,
    "plover": plover,
    "quotes": quotes,
}


def shared_data_dir(settings: Settings) -> Path | None:
    candidates = [
        settings.data_dir,
        Path.cwd() / "../shared/data",
        Path(__file__).resolve().parents[3] / "../shared/data",
    ]
    return next((p.resolve() for p in candidates if p is not None and p.is_dir()), None)


def run_task(
    task: str, *, data: Path | None, settings: Settings, console: Console, show_errors: int = 0
):
    module = TASKS.get(task)
    if module is None:
        raise ConfigError(f"unknown eval task {task!r}; tasks: {', '.join(sorted(TASKS))}")
    if data is None:
        root = shared_data_dir(settings)
        if root is None:
            raise ConfigError("no gold data: pass --data PATH or set TIDINGS_DATA_DIR")
        data = root / module.DEFAULT
    if not data.exists():
        raise ConfigError(f"{data}: no such gold data for task {task!r}")
    return module.run(data, settings=settings, console=console, show_errors=show_errors)
