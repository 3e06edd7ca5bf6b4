"""The presentation-mode tour: its steps and captions are computed from the data, never typed.

The tour keeps the link it started from (README, "Presentation mode"):

- Its filters stay applied to every step: kind, status, years, search, metric and language.
- Themes: with `?theme=energy&mode=demo` the theme steps are the link's themes only (here one),
  and every province step counts energy initiatives; a link without themes tours all five.
- Years: a link without themes, province or years ends with "up to year Y" steps that play the
  years as the collection grew (counts only; those without a start year are named, not placed).
- Province: a link with a province tours that province only (the link's own view, then the
  province with each of the link's themes); without one, the theme steps compare the whole
  country and the provinces with the most initiatives of the link's view follow.

`caption_for` describes any view the way the tour does, so the caption follows the map when a
click (not the timer) changes it: a province view gets its province caption, a one-theme view
its theme caption, anything else how many initiatives the map shows. A caption names a leader
only when the statistical test allows, and the map outlines exactly the provinces it names as
such (theme steps: the tested leaders; province views: the province).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from kansenkaart.dataset import DataSet
from kansenkaart.i18n import format_number, t
from kansenkaart.metrics import count_by_province, lq_comparisons, theme_profile
from kansenkaart.registry import FILTER_THEMES
from kansenkaart.statistics import Verdict, may_name_leader
from kansenkaart.timeline import cumulative_years, year_counts
from kansenkaart.view import View

#: How many provinces a theme caption names, and how many provinces the tour visits.
LEADERS = 2
PROVINCES = 3
#: How many "up to year Y" steps play the years (a tour of the whole country, all themes).
YEAR_STEPS = 4


@dataclass(frozen=True)
class Caption:
    """A caption and the provinces the map outlines with it (those the caption singles out)."""

    text: str
    provinces: tuple[str, ...] = ()


@dataclass(frozen=True)
class TourStep:
    view: View
    caption: str
    highlighted: tuple[str, ...] = ()


def tour_steps(frame: pd.DataFrame, names: pd.Series, base: View) -> list[TourStep]:
    """The link's themes (all five when it has none), then the provinces with the most
    initiatives in the link's view; or, for a link with a province, that province only."""
    base = base.without("initiative")
    themes = tuple(theme for theme in FILTER_THEMES if not base.theme or theme in base.theme)
    if base.province:
        views = [] if len(base.theme) == 1 else [base]
        views += [replace(base, theme=(theme,)) for theme in themes]
    else:
        views = [replace(base, theme=(theme,)) for theme in themes]
        counts = count_by_province(frame, base)
        ranked = sorted(
            ((str(code), int(count)) for code, count in counts[counts > 0].items()),
            key=lambda item: (-item[1], str(names[item[0]])),
        )
        views += [replace(base, province=code) for code, _ in ranked[:PROVINCES]]
        views += year_views(frame, base)
    steps = []
    for view in views:
        caption = describe(frame, names, view)
        steps.append(TourStep(view, caption.text, caption.provinces))
    return steps


def year_views(frame: pd.DataFrame, base: View) -> list[View]:
    """The years played as a growing collection: "up to year Y" for a few Y where the count has
    grown by about the same number each step. Only for a link with no themes and no years of its
    own: its range would cut the sequence, and a theme has its own step."""
    if base.theme or base.has_year_range:
        return []
    stops = cumulative_years(year_counts(frame, base), YEAR_STEPS)
    return [replace(base, year_to=year) for year in stops]


def tour_step_for(frame: pd.DataFrame, names: pd.Series, base: View, step: int) -> TourStep:
    """The step the tour shows after `step` ticks (it loops)."""
    steps = remembered_steps(frame, names, base)
    return steps[step_index(step, len(steps))]


def first_step(data: DataSet, base: View) -> tuple[View, Caption]:
    """The view a presentation link opens on, with its caption: the tour's first step, as the
    page shows a step (the link's view with the step's filters; the URL keeps the link)."""
    step = tour_step_for(data.initiatives, data.provinces["name"], base, 0)
    return step.view, caption_for(data, step.view)


#: The tours worked out lately, by data frame and link: every tick asks for the same tour, and
#: working out all its captions (Fisher's test per theme and province) took 50-100 ms a tick on
#: a busy 2-core machine, enough to make a 1.5 s tour skip steps. The frame is kept with its
#: steps, so a new data version (a new frame) never meets an old tour.
_REMEMBERED: dict[tuple[int, View], tuple[pd.DataFrame, list[TourStep]]] = {}
REMEMBER = 32


def remembered_steps(frame: pd.DataFrame, names: pd.Series, base: View) -> list[TourStep]:
    """`tour_steps`, worked out once per data frame and link (`names` belong to the frame's
    data set, so the frame stands for both)."""
    key = (id(frame), base)
    known = _REMEMBERED.get(key)
    if known is not None and known[0] is frame:
        return known[1]
    steps = tour_steps(frame, names, base)
    if len(_REMEMBERED) >= REMEMBER:
        _REMEMBERED.clear()
    _REMEMBERED[key] = (frame, steps)
    return steps


def step_index(step: int, count: int) -> int:
    """Where tick `step` lands in a tour of `count` steps: it loops, both ways."""
    return step % count if count else 0


def stepped(step: int | None, delta: int, count: int) -> int:
    """The tick after the presenter's next (+1) or previous (-1), kept within one loop so the
    timer's count never runs below zero: previous from the first step is the last."""
    return step_index((step or 0) + delta, count)


def caption_for(data: DataSet, view: View) -> Caption:
    """The caption of whatever view the map shows, in the view's language."""
    return describe(data.initiatives, data.provinces["name"], view)


def describe(frame: pd.DataFrame, names: pd.Series, view: View) -> Caption:
    """A province view: its province caption; one theme: its theme caption; else the count."""
    if view.province:
        return _province_caption(frame, names, view, view.province)
    if not view.theme and view.year_from is None and view.year_to is not None:
        return _years_caption(frame, view, view.year_to)
    if len(view.theme) == 1:
        return _theme_caption(frame, names, view.without("theme"), view.theme[0])
    total = int(count_by_province(frame, view).sum())
    return Caption(t("tour_view", view.lang, count=format_number(total, view.lang)))


def _years_caption(frame: pd.DataFrame, view: View, year: int) -> Caption:
    """Counts only, and always how many have no start year: they are in no year's step."""
    counts = year_counts(frame, view)
    return Caption(
        t(
            "tour_years",
            view.lang,
            year=year,
            count=format_number(counts.up_to(year), view.lang),
            unknown=format_number(counts.unknown, view.lang),
        )
    )


def _theme_caption(frame: pd.DataFrame, names: pd.Series, base: View, theme: str) -> Caption:
    """Names a leader only where the test says the province's share stands out; otherwise
    the caption says what the data does show: how many, and where most are."""
    view = replace(base, theme=(theme,))
    counts = count_by_province(frame, view)
    label = t(f"theme.{theme}", base.lang).capitalize()
    total = format_number(int(counts.sum()), base.lang)
    if not counts.sum():
        return Caption(t("tour_theme_none", base.lang, theme=label))
    comparisons = lq_comparisons(frame, base, (theme,), "any")
    tested = sorted(
        (code for code, c in comparisons.items() if may_name_leader(c)),
        key=lambda code: (-(comparisons[code].lq or 0.0), str(names[code])),
    )[:LEADERS]
    if tested:
        leaders = join_words([str(names[code]) for code in tested], base.lang)
        key = "tour_theme_one" if len(tested) == 1 else "tour_theme"
        return Caption(
            t(key, base.lang, theme=label, count=total, leaders=leaders), tuple(map(str, tested))
        )
    most = sorted(
        ((str(code), int(n)) for code, n in counts[counts > 0].items()),
        key=lambda item: (-item[1], str(names[item[0]])),
    )[:LEADERS]
    listed = [f"{names[code]} ({format_number(n, base.lang)})" for code, n in most]
    return Caption(
        t(
            "tour_theme_counts",
            base.lang,
            theme=label,
            count=total,
            most=join_words(listed, base.lang),
        )
    )


def _province_caption(frame: pd.DataFrame, names: pd.Series, view: View, code: str) -> Caption:
    """Strengths are the themes whose share tests above the rest of the country, nothing less;
    with themes in the view the caption counts those and names them."""
    profile = theme_profile(frame, view, code)
    strong = profile[profile["verdict"] == str(Verdict.STRENGTH)].sort_values("lq", ascending=False)
    strong_themes = [theme for theme in strong.index if not view.theme or theme in view.theme]
    count = int(count_by_province(frame, view)[code])
    values = {"province": str(names[code]), "count": format_number(count, view.lang)}
    if view.theme:
        themes = join_words([t(f"theme.{theme}", view.lang) for theme in view.theme], view.lang)
        if not strong_themes:
            return Caption(t("tour_province_theme", view.lang, themes=themes, **values), (code,))
        named = join_words([t(f"theme.{theme}", view.lang) for theme in strong_themes], view.lang)
        text = t("tour_province_theme_strong", view.lang, themes=themes, strengths=named, **values)
        return Caption(text, (code,))
    strengths = [t(f"theme.{theme}", view.lang) for theme in strong_themes[:LEADERS]]
    if strengths:
        text = t("tour_province", view.lang, strengths=join_words(strengths, view.lang), **values)
    else:
        text = t("tour_province_plain", view.lang, **values)
    return Caption(text, (code,))


def join_words(items: list[str], lang: str) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('and', lang)} {items[-1]}"
