"""The presentation-mode tour: its steps and captions are computed from the data, never typed."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from kansenkaart.i18n import format_number, t
from kansenkaart.metrics import count_by_province, lq_comparisons, theme_profile
from kansenkaart.registry import FILTER_THEMES
from kansenkaart.statistics import Verdict, may_name_leader
from kansenkaart.view import View

#: How many provinces a theme caption names, and how many provinces the tour visits.
LEADERS = 2
PROVINCES = 3


@dataclass(frozen=True)
class TourStep:
    view: View
    caption: str


def tour_steps(frame: pd.DataFrame, names: pd.Series, base: View) -> list[TourStep]:
    """The five themes, then the provinces with the most initiatives in the base view."""
    base = base.without("theme", "province", "initiative")
    steps = [_theme_step(frame, names, base, theme) for theme in FILTER_THEMES]
    counts = count_by_province(frame, base)
    ranked = sorted(
        ((str(code), int(count)) for code, count in counts[counts > 0].items()),
        key=lambda item: (-item[1], str(names[item[0]])),
    )
    for code, count in ranked[:PROVINCES]:
        steps.append(_province_step(frame, names, base, code, count))
    return steps


def tour_step_for(frame: pd.DataFrame, names: pd.Series, base: View, step: int) -> TourStep:
    """The step the tour shows after `step` ticks (it loops)."""
    steps = tour_steps(frame, names, base)
    return steps[step % len(steps)]


def _theme_step(frame: pd.DataFrame, names: pd.Series, base: View, theme: str) -> TourStep:
    """Names a leader only where the test says the province's share stands out; otherwise
    the caption says what the data does show: how many, and where most are."""
    view = replace(base, theme=(theme,))
    counts = count_by_province(frame, view)
    label = t(f"theme.{theme}", base.lang).capitalize()
    total = format_number(int(counts.sum()), base.lang)
    if not counts.sum():
        return TourStep(view, t("tour_theme_none", base.lang, theme=label))
    comparisons = lq_comparisons(frame, base, (theme,), "any")
    tested = sorted(
        (code for code, c in comparisons.items() if may_name_leader(c)),
        key=lambda code: (-(comparisons[code].lq or 0.0), str(names[code])),
    )
    leaders = [str(names[code]) for code in tested[:LEADERS]]
    if leaders:
        key = "tour_theme_one" if len(leaders) == 1 else "tour_theme"
        caption = t(key, base.lang, theme=label, count=total, leaders=_join(leaders, base.lang))
    else:
        most = sorted(
            ((str(code), int(n)) for code, n in counts[counts > 0].items()),
            key=lambda item: (-item[1], str(names[item[0]])),
        )[:LEADERS]
        listed = [f"{names[code]} ({format_number(n, base.lang)})" for code, n in most]
        caption = t(
            "tour_theme_counts", base.lang, theme=label, count=total, most=_join(listed, base.lang)
        )
    return TourStep(view, caption)


def _province_step(
    frame: pd.DataFrame, names: pd.Series, base: View, code: str, count: int
) -> TourStep:
    """Strengths are the themes whose share tests above the rest of the country, nothing less."""
    profile = theme_profile(frame, base, code)
    strong = profile[profile["verdict"] == str(Verdict.STRENGTH)].sort_values("lq", ascending=False)
    strengths = [t(f"theme.{theme}", base.lang) for theme in strong.index[:LEADERS]]
    values = {"province": str(names[code]), "count": format_number(count, base.lang)}
    if strengths:
        caption = t("tour_province", base.lang, strengths=_join(strengths, base.lang), **values)
    else:
        caption = t("tour_province_plain", base.lang, **values)
    return TourStep(replace(base, province=code), caption)


def _join(items: list[str], lang: str) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('and', lang)} {items[-1]}"
