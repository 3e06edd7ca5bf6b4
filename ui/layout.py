"""The page layout, built from the current data for the link's view; texts come from ui.texts."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from kansenkaart.dataset import DataSet
from kansenkaart.registry import FIRST_YEAR, LANGUAGE_REGISTRY, LAST_YEAR
from kansenkaart.tour import Caption, first_step
from kansenkaart.view import View
from layers.figure_patch import apply
from layers.highlight import highlight_updates
from ui import compare, ids, lazy_table, timeline
from ui.attrs import attrs
from ui.charts import profile_chart
from ui.details import present_details
from ui.embed import embed_bar, missing_initiative
from ui.presenter import coverage_line, page_title, present_map, present_table
from ui.texts import text

GRAPH_CONFIG: Any = {  # dcc.Graph types its config; this is a valid subset of it
    "topojsonURL": "/assets/topojson/",  # plotly.js would fetch its base map from a CDN
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    # No upload to Plotly's cloud: the demo runs offline and the data stay here.
    "showSendToCloud": False,
    # No mode bar: its English-only buttons were tab stops without a purpose here (no zoom, no
    # selection); the map's images are the PNG/SVG downloads beside the table.
    "displayModeBar": False,
}


def page(
    data: DataSet,
    view: View,
    tour_step_seconds: float = 6.0,
    default_lang: str = "nl",
    data_notice: str | None = None,
) -> html.Div:
    """The whole page, for the link's view; `data_notice` is the data's status (an update under
    way or refused) as the poll would report it, shown from the first paint."""
    lang = view.lang
    query = view.to_query(default_lang)
    # Presentation mode is laid out from the server (no controls hiding after the first paint),
    # on its tour's first step: the map, the details and the caption are that step's, so the
    # tour does not redraw the page right after the load. The controls and the panels that
    # follow the link (time view, comparison) keep the link's view, as during the tour.
    demo = view.mode == "demo"
    shown, caption = first_step(data, view) if demo else (view, None)
    shown_query = shown.to_query(default_lang)
    return html.Div(
        id=ids.PAGE,
        className="page demo" if demo else "page",
        lang=lang,
        # embed mode: the map alone for an iframe; style.css hides the rest, so every callback
        # keeps its components (an attribute: callbacks/presentation.py owns the class)
        **attrs({"data-embed": "1" if view.embed else "0"}),
        children=[
            dcc.Location(id=ids.URL, refresh=False),
            # The view the map was built for; callbacks patch the map from here.
            dcc.Store(id=ids.VIEW, data=shown_query),
            dcc.Store(id=ids.VIEW_SHOWN, data=shown_query),
            # The link as the URL component reports it once mounted (the canonical query, which a
            # link the page wrote already is): its first report is then no change, and the panels
            # are not drawn anew, over a choice a person may be making, right after the load.
            dcc.Store(id=ids.LINK_SHOWN, data=query),
            dcc.Store(id=ids.LANG_STORE, data=lang),
            dcc.Store(id=ids.TITLE, data=page_title(data, view)),
            dcc.Store(id=ids.DATA_VERSION, data=data.version),
            dcc.Interval(id=ids.DATA_POLL, interval=5_000),
            dcc.Store(id=ids.MODE_STORE, data=view.mode),
            # runs from the load in the mode; entering it later starts it (callbacks/presentation.py)
            dcc.Interval(
                id=ids.TOUR_TIMER, interval=int(tour_step_seconds * 1000), disabled=not demo
            ),
            _masthead(data, lang, view),
            embed_bar(view),
            _tour_bar(lang, hidden=not demo, caption=caption),
            _notice(lang),
            html.P(
                data_notice or "",
                id=ids.DATA_NOTICE,
                className="data-notice",
                role="status",
                hidden=data_notice is None,
            ),
            html.Main(
                className="workspace",
                children=[
                    html.Aside(className="controls", children=_filters(data, view)),
                    html.Section(className="map-panel", children=_map(data, shown, caption)),
                    html.Aside(className="details", children=_details(data, shown)),
                    compare.panel(data, view),  # provinces side by side (compare=...)
                    html.Section(className="table-panel", children=_table(lang, shown_query)),
                ],
            ),
            html.Footer(text("credit", "children", lang), id="credit", className="credit"),
        ],
    )


def _masthead(data: DataSet, lang: str, view: View) -> html.Header:
    return html.Header(
        className="masthead",
        children=[
            html.H1(text("title", "children", lang), id="title"),
            html.Div(
                className="masthead-text",
                children=[
                    html.P(text("subtitle", "children", lang), id="subtitle", className="subtitle"),
                    html.P(
                        id=ids.COVERAGE,
                        className="coverage",
                        children=coverage_line(data, lang),
                    ),
                    missing_initiative(view),
                ],
            ),
            html.Div(className="spacer"),
            html.Button(
                text(ids.DEMO_START, "children", lang),
                id=ids.DEMO_START,
                className="button primary",
                n_clicks=0,
            ),
            html.Div(
                className="lang-switch",
                role="group",
                **attrs({"aria-labelledby": "lang-label"}),
                children=[
                    html.Span(text("lang-label", "children", lang), id="lang-label"),
                    dcc.RadioItems(
                        id=ids.LANG,
                        options=[
                            {"label": x.label, "value": x.code} for x in LANGUAGE_REGISTRY.values()
                        ],
                        value=lang,
                        inline=True,
                        className="segmented",
                        labelClassName="segment",
                    ),
                ],
            ),
        ],
    )


def _tour_bar(lang: str, hidden: bool = True, caption: Caption | None = None) -> html.Div:
    """Presentation mode's caption line, with previous/next, one pause-resume button and the way
    out; hidden outside the mode. Its height is fixed (style.css), so neither a two-line caption
    nor the pause notice moves the map."""
    from kansenkaart.i18n import t  # the bar's own new texts (ui/texts.py belongs to others)

    def step_button(component_id: str, symbol: str, label: str) -> html.Button:
        return html.Button(
            symbol,
            id=component_id,
            className="button tour-step",
            n_clicks=0,
            title=label,
            **attrs({"aria-label": label}),
        )

    return html.Div(
        id=ids.TOUR,
        className="tour",
        hidden=hidden,
        children=[
            html.P(
                caption.text if caption else None,
                id=ids.TOUR_CAPTION,
                className="tour-caption",
                **attrs({"aria-live": "polite"}),
            ),
            html.P(
                text("tour-paused", "children", lang), id="tour-paused", className="tour-paused"
            ),
            html.Div(
                className="tour-buttons",
                children=[
                    step_button(ids.TOUR_PREVIOUS, "\u2039", t("tour_previous", lang)),
                    html.Button(
                        # one button: "Pauze" while the tour runs, "Verder" while it is paused
                        # (presentation.js sets aria-pressed; the resume label is translated
                        # with the page, ui/texts.py)
                        [
                            html.Span(t("tour_pause", lang), className="tour-pause-label"),
                            html.Span(
                                text(ids.TOUR_RESUME, "children", lang),
                                id=ids.TOUR_RESUME,
                                className="tour-resume-label",
                            ),
                        ],
                        id=ids.TOUR_PAUSE,
                        className="button",
                        n_clicks=0,
                        **attrs({"aria-pressed": "false"}),
                    ),
                    step_button(ids.TOUR_NEXT, "\u203a", t("tour_next", lang)),
                    html.Button(
                        text(ids.DEMO_EXIT, "children", lang),
                        id=ids.DEMO_EXIT,
                        className="button",
                        n_clicks=0,
                    ),
                ],
            ),
        ],
    )


def _notice(lang: str) -> html.Div:
    return html.Div(
        id=ids.NOTICE,
        className="notice",
        role="alert",
        hidden=True,
        children=[
            html.Div(id=ids.NOTICE_TEXT, className="notice-text"),
            html.Button(
                "\u00d7",
                id=ids.NOTICE_CLOSE,
                className="notice-close",
                n_clicks=0,
                **attrs({"aria-label": text(ids.NOTICE_CLOSE, "aria-label", lang)}),
            ),
        ],
    )


def _fieldset(legend_id: str, control, lang: str) -> html.Fieldset:
    return html.Fieldset(
        className="filter",
        children=[html.Legend(text(legend_id, "children", lang), id=legend_id), control],
    )


def _labelled(label_id: str, control_id: str, control, lang: str) -> html.Div:
    # A dropdown's own script loads after the first paint: its place is kept (style.css).
    dropdown = isinstance(control, dcc.Dropdown)
    return html.Div(
        className="filter select-filter" if dropdown else "filter",
        children=[
            html.Label(
                text(label_id, "children", lang),
                id=label_id,
                htmlFor=control_id,
                className="field-label",
            ),
            control,
        ],
    )


def _filters(data: DataSet, view: View) -> list:
    lang = view.lang
    provinces = [{"label": name, "value": code} for code, name in data.provinces["name"].items()]
    return [
        html.H2(text("filters-heading", "children", lang), id="filters-heading"),
        _fieldset(
            "themes-legend",
            dcc.Checklist(
                id=ids.THEMES,
                options=text(ids.THEMES, "options", lang),
                value=list(view.theme),
                className="theme-chips",
                inputClassName="chip-input",
                labelClassName="chip",
            ),
            lang,
        ),
        _fieldset(
            "match-legend",
            dcc.RadioItems(
                id=ids.MATCH,
                options=text(ids.MATCH, "options", lang),
                value=view.match,
                inline=True,
                className="segmented",
                labelClassName="segment",
            ),
            lang,
        ),
        _labelled(
            "province-label",
            ids.PROVINCE,
            dcc.Dropdown(
                id=ids.PROVINCE,
                options=provinces,
                value=view.province,
                placeholder=text(ids.PROVINCE, "placeholder", lang),
                labels=text(ids.PROVINCE, "labels", lang),
                clearable=True,
            ),
            lang,
        ),
        _multi_dropdown("kind-label", ids.KINDS, view.kind, lang),
        _multi_dropdown("status-label", ids.STATUSES, view.status, lang),
        _fieldset("years-legend", _year_inputs(view, lang), lang),
        timeline.panel(data, view),  # initiatives by start year; a bar click sets the range
        _labelled(
            "search-label",
            ids.SEARCH,
            dcc.Input(
                id=ids.SEARCH,
                type="search",
                value=view.q,
                debounce=0.4,
                maxLength=200,
                placeholder=text(ids.SEARCH, "placeholder", lang),
                className="text-input",
            ),
            lang,
        ),
        _labelled(
            "metric-legend",
            ids.METRIC,
            # A list in two groups (initiatives, province figures): 18 choices are too many
            # for radio buttons in the filter column; typing narrows it ("CO2").
            dcc.Dropdown(
                id=ids.METRIC,
                options=text(ids.METRIC, "options", lang),
                value=view.metric,
                clearable=False,
                labels=text(ids.METRIC, "labels", lang),
                className="metric-select",
            ),
            lang,
        ),
        html.Button(
            text(ids.RESET, "children", lang), id=ids.RESET, className="button", n_clicks=0
        ),
    ]


def _multi_dropdown(label_id: str, control_id: str, value: tuple[str, ...], lang: str) -> html.Div:
    """A labelled multi-select whose options and texts come from the translation table."""
    dropdown = dcc.Dropdown(
        id=control_id,
        options=text(control_id, "options", lang),
        value=list(value),
        multi=True,
        placeholder=text(control_id, "placeholder", lang),
        labels=text(control_id, "labels", lang),
    )
    return _labelled(label_id, control_id, dropdown, lang)


def _year_inputs(view: View, lang: str) -> html.Div:
    def year_input(control_id: str, label_id: str, value: int | None) -> html.Label:
        return html.Label(
            className="year-field",
            htmlFor=control_id,
            children=[
                html.Span(text(label_id, "children", lang), id=label_id),
                dcc.Input(
                    id=control_id,
                    type="number",
                    min=FIRST_YEAR,
                    max=LAST_YEAR,
                    step=1,
                    inputMode="numeric",  # digits on a phone's keyboard
                    value=value,
                    debounce=True,
                    className="year-input",
                ),
            ],
        )

    return html.Div(
        className="year-range",
        children=[
            year_input(ids.YEAR_FROM, "year-from-label", view.year_from),
            year_input(ids.YEAR_TO, "year-to-label", view.year_to),
            html.Small(text("years-hint", "children", lang), id="years-hint", className="hint"),
        ],
    )


def _map(data: DataSet, view: View, caption: Caption | None = None) -> list:
    """The result line and any message above the map (in view with it on a laptop), the map,
    its legend, and the provinces ranked by the metric as text."""
    table = present_table(data, view)
    shown = present_map(data, view, None)
    figure = shown.figure
    if caption is not None and figure is not None:  # a tour step's outlined provinces
        figure = apply(figure, highlight_updates(caption.provinces))
    return [
        html.Div(
            className="map-status",
            children=[
                html.P(
                    shown.summary,
                    id=ids.SUMMARY,
                    className="summary",
                    role="status",
                    **attrs({"aria-live": "polite"}),
                ),
                html.P(shown.source, id=ids.MAP_SOURCE, className="map-source"),
                html.Div(
                    shown.message,
                    id=ids.MESSAGE,
                    className="message",
                    **attrs({"aria-live": "polite"}),
                ),
            ],
        ),
        # The legend floats over the map's lower corner: map and legend share a frame.
        html.Div(
            className="map-frame",
            children=[
                # The box keeps the map's height while plotly's script loads (no shift).
                html.Div(
                    className="map-box",
                    children=dcc.Graph(
                        id=ids.MAP,
                        figure=figure,
                        config=GRAPH_CONFIG,
                        className="map",
                        style={"height": "640px"},
                        responsive=True,
                    ),
                ),
                html.Div(
                    table.legend,
                    id=ids.MAP_LEGEND,
                    className="map-legend",
                ),
            ],
        ),
        html.Details(
            className="ranking",
            open=not view.embed,  # compact in a frame; the text stays one click away
            children=[
                html.Summary(text("ranking-heading", "children", view.lang), id="ranking-heading"),
                html.Ol(table.ranking, id=ids.RANKING, className="ranking-list"),
            ],
        ),
    ]


def _details(data: DataSet, view: View) -> list:
    """The card and the profile of the link's view, drawn with the page (the details callback
    then follows the view store with the same content)."""
    lang = view.lang
    details = present_details(data, view)
    return [
        html.P(
            text(ids.DETAILS_HINT, "children", lang),
            id=ids.DETAILS_HINT,
            className="hint",
            hidden=details.hint_hidden,
        ),
        html.Article(
            id=ids.CARD,
            className="card",
            hidden=not details.card,
            children=[
                html.Button(
                    text(ids.CLOSE_CARD, "children", lang),
                    id=ids.CLOSE_CARD,
                    className="button small close",
                    n_clicks=0,
                ),
                html.Div(details.card, id=ids.CARD_BODY),
            ],
        ),
        html.Section(
            id=ids.PROFILE,
            className="profile",
            hidden=not details.profile,
            children=[
                html.Div(details.profile, id=ids.PROFILE_BODY),
                html.Div(
                    profile_chart(ids.TRANSITION_CHART, details.transition),
                    id=ids.TRANSITION_CHART_SLOT,
                ),
                html.Div(details.on_map, id=ids.PROFILE_ON_MAP),
                html.Div(
                    profile_chart(ids.PROFILE_CHART, details.chart), id=ids.PROFILE_CHART_SLOT
                ),
                html.Button(
                    text(ids.CLEAR_PROVINCE, "children", lang),
                    id=ids.CLEAR_PROVINCE,
                    className="button small",
                    n_clicks=0,
                ),
                html.Div(details.listing, id=ids.PROFILE_LIST),
            ],
        ),
    ]


def _downloads(lang: str, query: str) -> html.Div:
    """Ordinary links: each export is a URL with the view's query, so it can be scripted too.
    A Dutch page's CSV links ask for the `;` dialect a Dutch Excel opens right."""
    from kansenkaart.exports import EXPORT_FORMATS, download_href  # this function's own import

    links = [
        html.A(
            text(f"{ids.DOWNLOAD_PREFIX}{kind}", "children", lang),
            id=f"{ids.DOWNLOAD_PREFIX}{kind}",
            href=download_href(EXPORT_FORMATS[kind], query, lang),
            title=text(f"{ids.DOWNLOAD_PREFIX}{kind}", "title", lang),
            className="button small download",
            download="",
        )
        for kind in ids.DOWNLOADS
    ]
    return html.Div(
        className="downloads",
        role="group",
        **attrs({"aria-labelledby": "downloads-label"}),
        children=[
            html.Span(text("downloads-label", "children", lang), id="downloads-label"),
            *links,
        ],
    )


def _table(lang: str, query: str) -> list:
    return [
        html.Div(
            className="table-head",
            children=[
                html.H2(text("table-heading", "children", lang), id="table-heading"),
                html.Label(
                    text("table-filter-label", "children", lang),
                    id="table-filter-label",
                    htmlFor=ids.TABLE_FILTER,
                    className="field-label",
                ),
                dcc.Input(id=ids.TABLE_FILTER, type="search", className="text-input", debounce=0.2),
            ],
        ),
        _downloads(lang, query),
        html.P(text("downloads-note", "children", lang), id="downloads-note", className="hint"),
        html.P(id=ids.TABLE_NOTE, className="hint", **attrs({"aria-live": "polite"})),
        # the grid follows the map (ui/lazy_table.py); its place is kept
        lazy_table.slot(lang),
    ]
