"""Run: the stage order (``pipeline``) and the executors that run it over inputs (``local``)."""

from .local import LocalExecutor, RunSummary
from .pipeline import Pipeline

__all__ = ["LocalExecutor", "Pipeline", "RunSummary"]
