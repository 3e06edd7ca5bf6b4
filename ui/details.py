"""The details panel for a view: the open initiative's card and the selected province's profile."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from dash import html

from kansenkaart.dataset import DataSet
from kansenkaart.display import initiative_details
from kansenkaart.filtering import filter_initiatives
from kansenkaart.i18n import format_number, t
from kansenkaart.metrics import theme_profile
from kansenkaart.statistics import MIN_SELECTED, MIN_TOTAL, Verdict
from kansenkaart.view import View
from layers.profile_chart import profile_figure
from ui import ids

EMPTY_CHART = {"data": [], "layout": {"template": "none"}}


@dataclass(frozen=True)
class Details:
    card: list = field(default_factory=list)
    profile: list = field(default_factory=list)
    chart: dict = field(default_factory=lambda: EMPTY_CHART)
    listing: list = field(default_factory=list)

    @property
    def hint_hidden(self) -> bool:
        """The "click a province or marker" hint goes once there is something to read."""
        return bool(self.card or self.profile)


def present_details(data: DataSet, view: View) -> Details:
    card = initiative_card(data, view) if view.initiative else []
    if not view.province:
        return Details(card=card)
    body, chart, listing = province_profile(data, view)
    return Details(card=card, profile=body, chart=chart, listing=listing)


def initiative_card(data: DataSet, view: View) -> list:
    """Name, summary, labelled facts and the source link (new tab, no opener)."""
    rows = data.initiatives[data.initiatives["id"] == view.initiative]
    if rows.empty:
        return []
    row = rows.iloc[0]
    facts = initiative_details(row, data.province_name(row["province"]), view.lang)
    return [
        html.H2(row["name"], className="card-title"),
        html.P(row["summary"], className="card-summary", lang="en"),
        html.Dl(
            [item for label, value in facts.items() for item in (html.Dt(label), html.Dd(value))]
        ),
        html.A(
            t("card_source", view.lang) + " ↗",
            href=row["source_url"],
            target="_blank",
            rel="noopener noreferrer",
            className="source-link",
        ),
    ]


def province_profile(data: DataSet, view: View) -> tuple[list, dict, list]:
    """The krachtenkaart of one province: programme, count, per-theme strength, initiatives."""
    lang, code = view.lang, str(view.province)
    facts = data.provinces.loc[code].to_dict()
    shown = filter_initiatives(data.initiatives, view)
    profile = theme_profile(data.initiatives, view, code)
    body = [
        html.H2(t("profile_heading", lang, name=facts["name"])),
        html.P(
            [
                html.Strong(t("profile_programme", lang) + ": "),
                _programme(str(facts["ce_programme"]), str(facts["ce_programme_source"]), lang),
            ]
        ),
        html.P(t("profile_count", lang, count=format_number(len(shown), lang)), className="count"),
        _profile_table(profile, lang),
        html.P(
            t("profile_lq_explain", lang, total=MIN_TOTAL, selected=MIN_SELECTED),
            className="hint",
        ),
    ]
    listing = [
        html.H3(t("profile_list", lang)),
        html.Ul(
            className="initiative-list",
            children=[
                html.Li(
                    html.Button(
                        name,
                        id={"type": ids.OPEN_INITIATIVE, "index": ident},
                        className="link-button",
                        n_clicks=0,
                    )
                )
                for ident, name in zip(shown["id"], shown["name"], strict=True)
            ],
        ),
    ]
    return body, profile_figure(profile, lang), listing


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
