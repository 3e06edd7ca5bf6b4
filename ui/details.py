"""The details panel for a view: the open initiative's card and the selected province's profile."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd
from dash import html

from kansenkaart.counting import related_rows
from kansenkaart.dataset import DataSet
from kansenkaart.display import initiative_details
from kansenkaart.filtering import filter_initiatives
from kansenkaart.i18n import format_number, t
from kansenkaart.indicators import (
    INDICATORS,
    indicator_values,
    national_value,
    rank,
    transition_profile,
)
from kansenkaart.metrics import METRIC_REGISTRY, metric_source, theme_profile
from kansenkaart.statistics import MIN_SELECTED, MIN_TOTAL, Verdict
from kansenkaart.view import View
from layers.profile_chart import profile_figure, transition_figure
from ui import ids
from ui.attrs import attrs
from ui.embed import correction, print_button

EMPTY_CHART = {"data": [], "layout": {"template": "none"}}


#: The indicators a province's profile lists (the six agenda figures are in the chart instead).
PROFILE_INDICATORS = (
    "population",
    "co2_total_known_klimaatmonitor",
    "co2_per_inhabitant",
    "other_ghg_klimaatmonitor",
    "wind_onshore_capacity",
    "icer_company_waste_registered",
    "waste_per_inhabitant",
    "icer_waste_improvement_potential",
    "mki_dmi_total",
)


@dataclass(frozen=True)
class Details:
    card: list = field(default_factory=list)
    profile: list = field(default_factory=list)
    chart: dict = field(default_factory=lambda: EMPTY_CHART)
    transition: dict = field(default_factory=lambda: EMPTY_CHART)
    on_map: list = field(default_factory=list)
    listing: list = field(default_factory=list)

    @property
    def hint_hidden(self) -> bool:
        """The "click a province or marker" hint goes once there is something to read."""
        return bool(self.card or self.profile)


def present_details(data: DataSet, view: View) -> Details:
    card = initiative_card(data, view) if view.initiative else []
    if not view.province:
        return Details(card=card)
    body, transition, on_map, chart, listing = province_profile(data, view)
    return Details(card, body, chart, transition, on_map, listing)


def initiative_card(data: DataSet, view: View) -> list:
    """Name, summary, labelled facts, the rows of the same initiative, and the source link."""
    rows = data.initiatives[data.initiatives["id"] == view.initiative]
    if rows.empty:
        return []
    row = rows.iloc[0]
    facts = initiative_details(row, data.province_name(row["province"]), view.lang)
    shown = filter_initiatives(data.initiatives, view.without("initiative"))
    outside = (
        [html.P(t("card_outside_filters", view.lang), className="card-note", role="note")]
        if not (shown["id"] == row["id"]).any()
        else []
    )
    return [
        *outside,
        html.H2(row["name"], className="card-title", tabIndex=-1),
        html.P(t("card_summary_lang", view.lang), className="card-summary-label"),
        html.P(row["summary"], className="card-summary", lang="en"),
        html.Dl(
            [item for label, value in facts.items() for item in (html.Dt(label), html.Dd(value))]
        ),
        *_related(data, str(row["id"]), view.lang),
        html.A(
            t("card_source", view.lang) + " ↗",
            href=row["source_url"],
            target="_blank",
            rel="noopener noreferrer",
            className="source-link",
        ),
        *correction(view, str(row["id"]), str(row["name"])),
    ]


def _related(data: DataSet, ident: str, lang: str) -> list:
    """The other rows of the same initiative (same_as), each a button that opens its card."""
    related = related_rows(data.initiatives, ident)
    if not related:
        return []
    frame = data.initiatives.set_index("id")
    items = [
        html.Li(
            html.Button(
                f"{frame.at[other, 'name']!s} ({data.province_name(str(frame.at[other, 'province']))})",
                id={"type": ids.OPEN_RELATED, "index": other},
                className="link-button",
                n_clicks=0,
            )
        )
        for other in related
    ]
    return [html.H3(t("card_related", lang)), html.Ul(items, className="initiative-list")]


def province_profile(data: DataSet, view: View) -> tuple[list, dict, list, dict, list]:
    """The krachtenkaart of one province: its programme; its figures for the whole economy
    (indicators, transition agendas); then the collected initiatives on the map."""
    lang, code = view.lang, str(view.province)
    facts = data.provinces.loc[code].to_dict()
    shown = filter_initiatives(data.initiatives, view)
    profile = theme_profile(data.initiatives, view, code)
    transition = transition_profile(data.indicators, code)
    body = [
        print_button(lang),
        html.H2(t("profile_heading", lang, name=facts["name"])),
        html.P(
            [
                html.Strong(t("profile_programme", lang) + ": "),
                _programme(str(facts["ce_programme"]), str(facts["ce_programme_source"]), lang),
            ]
        ),
        html.H3(t("profile_figures", lang)),
        html.Div(_indicator_table(data, code, lang), className="table-scroll"),
        html.H3(t("profile_transition", lang)),
        html.P(t("profile_transition_explain", lang), className="hint"),
        _transition_table(transition, lang),
    ]
    on_map = [
        html.H3(t("profile_on_map", lang)),
        html.P(t("profile_count", lang, count=format_number(len(shown), lang)), className="count"),
        _profile_table(profile, lang),
        html.P(
            t("profile_lq_explain", lang, total=MIN_TOTAL, selected=MIN_SELECTED),
            className="hint",
        ),
    ]
    return (
        body,
        transition_figure(transition, lang),
        on_map,
        profile_figure(profile, lang),
        _listing(shown, lang),
    )


def _listing(shown: pd.DataFrame, lang: str) -> list:
    """The province's initiatives in this view: those at a place, then the province-wide ones
    under their own heading (they have no marker)."""
    parts = []
    for heading, rows in (
        ("profile_list_sites", shown[shown["has_point"]]),
        ("profile_list_wide", shown[~shown["has_point"]]),
    ):
        if rows.empty:
            continue
        parts += [
            html.H4(f"{t(heading, lang)} ({format_number(len(rows), lang)})"),
            html.Ul(
                className="initiative-list",
                children=[
                    html.Li(
                        html.Button(
                            name,
                            id={"type": ids.OPEN_INITIATIVE, "index": ident},
                            className="link-button",
                            n_clicks=0,
                            # the printed profile names each initiative's source (style.css)
                            **attrs({"data-source": _printed_address(source)}),
                        )
                    )
                    for ident, name, source in zip(
                        rows["id"], rows["name"], rows["source_url"], strict=True
                    )
                ],
            ),
        ]
    return [html.H3(t("profile_list", lang)), *parts]


def _printed_address(url: str) -> str:
    """A source address as a reader types it from paper: without `https://` (a browser adds it)."""
    return re.sub(r"^https?://", "", str(url)).rstrip("/")


def _indicator_table(data: DataSet, code: str, lang: str) -> html.Table:
    """Value, rank among the twelve, the national figure, year and source of each indicator."""
    head = html.Tr([html.Th(label) for label in t("profile_figures_head", lang).split("|")])
    rows = []
    for key in PROFILE_INDICATORS:
        metric = METRIC_REGISTRY[key]
        values = indicator_values(data.indicators, key)
        decimals = INDICATORS[key].decimals
        value, place, national = (
            values[code],
            rank(values)[code],
            national_value(data.indicators, key),
        )
        source = metric_source(data, key, lang)
        rows.append(
            html.Tr(
                [
                    html.Td(metric.label(lang)),
                    html.Td(amount(value, decimals, metric.unit(lang), lang)),
                    html.Td("" if math.isnan(place) else t("rank", lang, rank=int(place))),
                    html.Td(amount(national, decimals, "", lang)),
                    html.Td(source.year),
                    html.Td(
                        [
                            html.A(name, href=url, target="_blank", rel="noopener noreferrer")
                            for name, url in zip(source.sources, source.urls, strict=False)
                        ]
                        or ", ".join(source.sources)
                    ),
                ],
                title=source.notes.get(code, ""),
            )
        )
    return html.Table([html.Thead(head), html.Tbody(rows)], className="profile-table figures")


def amount(value: float, decimals: int, unit: str, lang: str) -> str:
    """A figure with its unit, or 'geen gegevens': the profile and the comparison write alike."""
    if math.isnan(value):
        return t("no_data", lang)
    return f"{format_number(value, lang, decimals)} {unit}".strip()


def _transition_table(profile: pd.DataFrame, lang: str) -> html.Table:
    """The chart's figures as text (for screen readers and for reading exact values)."""
    head = html.Tr([html.Th(label) for label in t("transition_head", lang).split("|")])
    rows = [
        html.Tr(
            [
                html.Td(record[f"label_{lang}"]),
                html.Td(_percent(record["share"], lang)),
                html.Td(_percent(record["national_share"], lang)),
                html.Td(amount(record["quotient"], 2, "", lang)),
            ]
        )
        for _, record in profile.iterrows()
    ]
    return html.Table([html.Thead(head), html.Tbody(rows)], className="profile-table transition")


def _percent(share: float, lang: str) -> str:
    return t("no_data", lang) if math.isnan(share) else f"{format_number(100 * share, lang, 1)}%"


def _programme(name: str, source: str, lang: str) -> str | html.A:
    if not name:
        return t("profile_no_programme", lang)
    if source:
        return html.A(name, href=source, target="_blank", rel="noopener noreferrer")
    return name


def _profile_table(profile: pd.DataFrame, lang: str) -> html.Table:
    """Count, LQ and the verdict per theme; an LQ on too few initiatives is not shown at all."""
    head = html.Tr(
        [html.Th(t(k, lang)) for k in ("profile_theme", "profile_theme_count", "profile_lq")]
    )
    rows = []
    for theme, record in profile.iterrows():
        verdict = str(record["verdict"])
        if verdict == str(Verdict.TOO_FEW):
            reason = t(f"reason.{record['reason']}", lang, total=MIN_TOTAL, selected=MIN_SELECTED)
            shown = f"{t('verdict.too_few', lang)} ({reason})"
        else:
            shown = f"{format_number(record['lq'], lang, 2)} · {t(f'verdict.{verdict}', lang)}"
        rows.append(
            html.Tr(
                className=f"lq-{verdict}",
                children=[
                    html.Td(t(f"theme.{theme}", lang)),
                    html.Td(int(record["count"])),
                    html.Td(shown),
                ],
            )
        )
    return html.Table([html.Thead(head), html.Tbody(rows)], className="profile-table")
