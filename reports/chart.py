"""The digest's small chart: applications per day (and scores per day while the jury
judges), as a PNG to show inside the email.

matplotlib draws it with its own DejaVu Sans, which has every Kazakh letter (ә ғ қ ң ө ұ
ү һ і), so the labels never fall back to boxes whatever fonts the server has; the Agg
backend needs no screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

FONT = "DejaVu Sans"
BAR = "#2f6f9f"
SCORES = "#c07a2b"


def daily_chart(title: str, days: Sequence[date], counts: Sequence[int],
                day_label: str, *, scores: Sequence[int] = (), scores_label: str = "",
                counts_label: str = "") -> bytes:
    """A bar per day (and a line of scores per day when given), as PNG bytes."""
    figure = Figure(figsize=(6.4, 2.6), dpi=100)
    axes = figure.add_subplot()
    positions = list(range(len(days)))
    axes.bar(positions, counts, color=BAR, label=counts_label or None)
    if scores:
        axes.plot(positions, scores, color=SCORES, marker="o", linewidth=1.5,
                  label=scores_label or None)
    step = max(1, len(days) // 10)
    axes.set_xticks(positions[::step], [f"{day:%d.%m}" for day in days][::step],
                    fontsize=8, fontname=FONT)
    axes.set_title(title, fontsize=10, fontname=FONT)
    axes.set_xlabel(day_label, fontsize=8, fontname=FONT)
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # no half an application
    if scores or counts_label:
        axes.legend(fontsize=8, frameon=False, prop={"family": FONT, "size": 8})
    figure.tight_layout()
    out = BytesIO()
    # No timestamp in the PNG, so the same data draws the same bytes.
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
