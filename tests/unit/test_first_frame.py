"""The server-rendered first frame (ui/first_frame.py): the link's layout as static HTML, with
the app's classes and styles, escaped text, no ids and nothing a keyboard stops at."""

from __future__ import annotations

import re

from dash import dcc, html

import app
from kansenkaart import runtime
from kansenkaart.view import View
from ui.attrs import attrs
from ui.first_frame import css, render
from ui.index_page import APP_ENTRY, FirstFrames, with_first_frame
from ui.layout import page

CLIENT = app.app.server.test_client()


def index_for(link: str) -> str:
    response = CLIENT.get(f"/{link}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def first_frame(index: str) -> str:
    start = index.index('<div id="kk-first-frame">')
    return index[start : index.index(APP_ENTRY)]


def test_html_components_become_their_tags_with_attributes():
    node = html.Div(
        [html.H2("Kop"), html.P("tekst", className="hint", hidden=True), html.Br()],
        className="box wide",
        style={"backgroundColor": "#fff", "height": 640, "opacity": 0.5},
        title="uitleg",
        **attrs({"aria-live": "polite", "data-embed": "1"}),
    )
    out = render(node)
    opening = out[: out.index(">") + 1]
    assert opening.startswith('<div class="box wide" ')
    for attribute in (
        'style="background-color: #fff; height: 640px; opacity: 0.5"',
        'title="uitleg"',
        'aria-live="polite"',
        'data-embed="1"',
    ):
        assert f" {attribute}" in opening
    assert out.endswith('><h2>Kop</h2><p class="hint" hidden>tekst</p><br></div>')
    assert render(html.P("zichtbaar", hidden=False)) == "<p>zichtbaar</p>"


def test_references_to_the_apps_ids_are_left_out():
    assert render(html.Label("Jaar", htmlFor="year")) == "<label>Jaar</label>"
    group = html.Div("NL", role="group", **attrs({"aria-labelledby": "lang-label"}))
    assert render(group) == '<div role="group">NL</div>'


def test_ids_become_data_attributes():
    assert render(html.P("x", id="coverage-note")) == '<p data-kk-id="coverage-note">x</p>'


def test_text_and_attributes_are_escaped():
    node = html.A('<script>alert("x")</script>', href='/?q="><script>', title="a & b")
    out = render(node)
    assert "<script>" not in out
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in out
    assert 'href="/?q=&quot;&gt;&lt;script&gt;"' in out and 'title="a &amp; b"' in out
    search = render(dcc.Input(id="search", type="search", value="<b>x</b>"))
    assert 'value="&lt;b&gt;x&lt;/b&gt;"' in search and "<b>" not in search


def test_nothing_in_the_copy_takes_keyboard_focus():
    out = render(
        html.Div(
            [
                html.Button("Go", n_clicks=0),
                html.A("link", href="/x"),
                html.Details(html.Summary("Open")),
                dcc.Input(type="number", value=2020),
                dcc.Checklist(options=["a"], value=[]),
                dcc.Dropdown(options=["a"], value="a"),
            ]
        )
    )
    focusable = re.findall(r"<(a|button|summary|input)\b[^>]*>", out)
    assert len(focusable) == 8  # button, a, summary, input and its 2 steppers, box, list
    tags = re.findall(r"<(?:a|button|summary|input)\b[^>]*>", out)
    assert all('tabindex="-1"' in tag for tag in tags)
    assert "n_clicks" not in out and "n-clicks" not in out


def test_other_components_keep_their_box_empty():
    graph = dcc.Graph(id="map", figure={"data": []}, className="map", style={"height": "640px"})
    assert (
        render(graph) == '<div data-kk-id="map" style="height: 640px" class="dash-graph map"></div>'
    )
    assert render([dcc.Store(id="s", data=1), dcc.Location(id="u"), dcc.Interval(id="i")]) == ""


def test_controls_show_the_views_values():
    themes = render(
        dcc.Checklist(
            options=[
                {"label": "klimaat", "value": "climate"},
                {"label": "energie", "value": "energy"},
            ],
            value=["energy"],
            className="theme-chips",
            labelClassName="chip",
        )
    )
    assert themes.count("<input") == 2
    assert re.search(r'value="energy" checked', themes) and not re.search(
        r'value="climate" checked', themes
    )
    assert 'class="dash-options-list dash-checklist theme-chips"' in themes
    assert 'class="dash-options-list-option-text chip"><span>energie</span>' in themes
    chosen = render(dcc.Dropdown(options=[{"label": "Fryslân", "value": "PV21"}], value="PV21"))
    assert ">Fryslân</span>" in chosen and "placeholder" not in chosen
    assert "dash-dropdown-clear" in chosen  # as the app's, which can be cleared
    fixed = render(dcc.Dropdown(options=["a"], value="a", clearable=False))
    assert "dash-dropdown-clear" not in fixed
    empty = render(dcc.Dropdown(options=["a"], value=None, placeholder="Alle provincies"))
    assert 'dash-dropdown-placeholder">Alle provincies</span>' in empty
    many = render(dcc.Dropdown(options=["a", "b", "c"], value=["a", "c"], multi=True))
    assert re.findall(r'dash-dropdown-value-item"><span>(\w)</span>', many) == ["a", "c"]


def test_css_of_a_style_object():
    assert (
        css({"fontWeight": 700, "marginTop": 4, "color": None})
        == "font-weight: 700; margin-top: 4px"
    )


def test_the_whole_page_has_no_ids_and_its_texts():
    data = runtime.data()
    out = render(page(data, View(lang="en", q="<script>x</script>", province="PV21")))
    assert not re.search(r"\sid=", out)
    assert "<script>" not in out and "&lt;script&gt;x&lt;/script&gt;" in out
    assert 'data-kk-id="coverage-note"' in out and 'data-kk-id="map"' in out
    assert "Circular Economy Opportunity Map" in out


def test_the_index_carries_the_links_first_frame_before_the_app():
    index = index_for("?lang=en&initiative=DR-01&q=%3Cscript%3Ealert(1)%3C/script%3E")
    frame = first_frame(index)
    assert "Circular Economy Opportunity Map" in frame
    assert "alert(1)" in frame and "<script>alert" not in index
    assert not re.search(r"\sid=", frame.removeprefix('<div id="kk-first-frame">'))
    dutch = first_frame(index_for("?mode=demo"))
    assert 'class="page demo"' in dutch and "Kansenkaart Circulaire Economie" in dutch
    embed = first_frame(index_for("?embed=1"))
    assert 'data-embed="1"' in embed


def test_first_frames_are_kept_per_view_a_bounded_number():
    data = runtime.data()
    frames = FirstFrames(size=2)
    first = frames.html(data, View(lang="nl"), 6.0, "nl")
    assert frames.html(data, View(lang="nl"), 6.0, "nl") == first
    frames.html(data, View(lang="en"), 6.0, "nl")
    frames.html(data, View(lang="nl", metric="lq"), 6.0, "nl")
    assert len(frames) == 2
    assert "Kansenkaart Circulaire Economie" in first


def test_without_a_first_frame_the_index_is_dashs():
    index = f"<body>{APP_ENTRY}</div></body>"
    assert with_first_frame(index, None) == index
    assert with_first_frame(index, "<p>x</p>") == (
        f'<body><div id="kk-first-frame"><p>x</p></div>{APP_ENTRY}</div></body>'
    )
