"""The details panel: the selected initiative's card and the selected province's profile."""

from __future__ import annotations

import math

from dash import Input, Output, callback, html

from kansenkaart import runtime
from kansenkaart.dataset import DataSet
from kansenkaart.display import initiative_details
from kansenkaart.filtering import filter_initiatives
from kansenkaart.i18n import format_number, t
from kansenkaart.metrics import theme_profile
from kansenkaart.view import View
from layers.profile_chart import profile_figure
from ui import ids


@callback(
    Output(ids.CARD, "hidden"),
    Output(ids.CARD_BODY, "children"),
    Output(ids.PROFILE, "hidden"),
    Output(ids.PROFILE_BODY, "children"),
    Output(ids.PROFILE_CHART, "figure"),
    Output(ids.PROFILE_LIST, "children"),
    Output(ids.DETAILS_HINT, "hidden"),
    Input(ids.VIEW, "data"),
    Input(ids.DATA_VERSION, "data"),
)
def update_details(query: str | None, _version: str | None):
    data = runtime.data()
    view = runtime.view_of(query)
    card = initiative_card(data, view) if view.initiative else []
    if view.province:
        body, figure, listing = province_profile(data, view)
    else:
        body, figure, listing = [], {"data": [], "layout": {"template": "none"}}, []
    return (not card, card, not view.province, body, figure, listing, bool(card or view.province))


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
    lang, code = view.lang, view.province
    facts = data.provinces.loc[code]
    shown = filter_initiatives(data.initiatives, view)
    profile = theme_profile(data.initiatives, view, code)
    programme = facts["ce_programme"]
    body = [
        html.H2(t("profile_heading", lang, name=facts["name"])),
        html.P(
            [
                html.Strong(t("profile_programme", lang) + ": "),
                _programme(programme, facts["ce_programme_source"], lang),
            ]
        ),
        html.P(t("profile_count", lang, count=format_number(len(shown), lang)), className="count"),
        _profile_table(profile, lang),
        html.P(t("profile_lq_explain", lang), className="hint"),
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


def _programme(name: str, source: str, lang: str):
    if not name:
        return t("profile_no_programme", lang)
    if source:
        return html.A(name, href=source, target="_blank", rel="noopener noreferrer")
    return name


def _profile_table(profile, lang: str) -> html.Table:
    head = html.Tr(
        [html.Th(t(k, lang)) for k in ("profile_theme", "profile_theme_count", "profile_lq")]
    )
    rows = []
    for theme, record in profile.iterrows():
        lq = record["lq"]
        if math.isnan(lq):
            verdict, shown = "", t("no_data", lang)
        else:
            key = "strength" if lq > 1 else ("gap" if lq < 1 else "average")
            verdict, shown = t(key, lang), format_number(lq, lang, 2)
        rows.append(
            html.Tr(
                className=f"lq-{verdict}" if verdict else "lq-none",
                children=[
                    html.Td(t(f"theme.{theme}", lang)),
                    html.Td(int(record["count"])),
                    html.Td(f"{shown} {('· ' + verdict) if verdict else ''}".strip()),
                ],
            )
        )
    return html.Table([html.Thead(head), html.Tbody(rows)], className="profile-table")
