"""Load what a run's first batch needs while Prefect's temporary server is still starting.

A run's process loads the NER model, the gazetteer, the word lexicons, compiles the rules' patterns
and builds the spaCy and Pydantic machinery on its first document (~1.5 CPU-s), and imports
Prefect's engines once the flow starts. The server takes
longer to start (~5 CPU-s, on the other core) than the CLI takes to import, so the CLI spends that
wait putting a small document of its own through the batch stages: the caches are filled before the
flow starts and the first batch only does its own work (``pipeline.batch.process_batch``, the
function each batch task runs). The thread runner does it in the CLI; the process runner's fork
server does it once for all its workers (``pipeline.preload``, without Prefect's engines).
"""

from __future__ import annotations

import importlib
import logging
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

# Written for this purpose: a title with a name, places of three levels, a regulation and a figure,
# so that every extractor and the NER run at least once.
SAMPLE = (
    "关于印发《某市法治政府建设实施方案》的通知\n"
    "2026年3月5日，湖北省宜昌市人民政府召开常务会议，市委副书记、市长王建国主持会议。"
    "会议指出，要深入贯彻《中华人民共和国行政许可法》，全市行政复议案件纠错率下降到5.2%，"
    "西陵区、夷陵区的办案数量分别为120件和86件。下一步，宜昌将持续深化法治政府建设。\n"
)


# Modules a run imports only once its flow has started (measured with ``python -X importtime``): the
# flow and task engines, the parameter encoder, the report's readers (~0.3 CPU-s).
LATER_IMPORTS = (
    "prefect.flow_engine",
    "prefect.task_engine",
    "fastapi.encoders",
    "pyarrow.dataset",
    "pipeline.audit.report",
)


def warm_up(
    segmenter: str, disabled_rules: list[str], ner_mode: str, later_imports: tuple[str, ...] = LATER_IMPORTS
) -> float | None:
    """Run the batch stages on SAMPLE in this process; the seconds it took, or None when it failed
    (never raises: the run then loads everything on its first batch and reports its own errors)."""
    t0 = time.perf_counter()
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)  # a stage failing here is the run's to report, on its own input
    try:
        from pipeline import batch, ingest

        settings = batch.BatchSettings("warm-up", "warm-up", segmenter, frozenset(disabled_rules), ner_mode)
        with tempfile.TemporaryDirectory(prefix="fazhi-warm-") as tmp:
            path = Path(tmp) / "warm-up.txt"
            path.write_text(SAMPLE, encoding="utf-8")
            refs, _ = ingest.discover([path])
            batch.process_batch(refs, settings)
        for name in later_imports:
            importlib.import_module(name)
    except Exception as e:
        logging.disable(previous)
        log.debug("warm-up skipped: %s: %s", type(e).__name__, e, exc_info=e)
        return None
    finally:
        logging.disable(previous)
    return time.perf_counter() - t0
