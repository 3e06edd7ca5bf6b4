"""The presentation-mode tour: its steps and captions are computed from the data, never typed."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from kansenkaart.i18n import format_number, t
from kansenkaart.metrics import count_by_province, theme_profile
from kansenkaart.registry import FILTER_THEMES
from kansenkaart.view import View

#: How many provinces a theme caption names, and how many provinces the tour visits.
LEADERS = 2
PROVINCES = 3


@dataclass(frozen=True)
class TourStep:
    view: View
    caption: str


def tour_steps(frame: pd.DataFrame, names: pd.Series, base: View) -> list[TourStep]:
    """The four themes, then the provinces with the most initiatives in the base view."""
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
    view = replace(base, theme=(theme,))
    counts = count_by_province(frame, view)
    top = sorted(
        ((str(code), int(count)) for code, count in counts[counts > 0].items()),
        key=lambda item: (-item[1], str(names[item[0]])),
    )
    leaders = [str(names[code]) for code, _ in top[:LEADERS]]
    label = t(f"theme.{theme}", base.lang).capitalize()
    if not leaders:
        caption = t("tour_theme_none", base.lang, theme=label)
    else:
        key = "tour_theme_one" if len(leaders) == 1 else "tour_theme"
        caption = t(key, base.lang, theme=label, leaders=_join(leaders, base.lang))
    return TourStep(view, caption)


def _province_step(
    frame: pd.DataFrame, names: pd.Series, base: View, code: str, count: int
) -> TourStep:
    profile = theme_profile(frame, base, code)
    above = profile[profile["lq"].map(lambda v: not math.isnan(v) and v > 1)]
    strong = [str(theme) for theme in above.sort_values("lq", ascending=False).index[:LEADERS]]
    values = {"province": names[code], "count": format_number(count, base.lang)}
    if len(strong):
        strengths = _join([t(f"theme.{theme}", base.lang) for theme in strong], base.lang)
        caption = t("tour_province", base.lang, strengths=strengths, **values)
    else:
        caption = t("tour_province_plain", base.lang, **values)
    return TourStep(replace(base, province=code), caption)


def _join(items: list[str], lang: str) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('and', lang)} {items[-1]}"
