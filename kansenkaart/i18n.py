"""Every string a user sees, in Dutch and English, in one table."""

from __future__ import annotations

from typing import Final

from kansenkaart.registry import LANGUAGE_REGISTRY

STRINGS: Final[dict[str, dict[str, str]]] = {
    "title": {"nl": "Kansenkaart Circulaire Economie", "en": "Circular Economy Opportunity Map"},
    "subtitle": {
        "nl": "Wie doet wat, waar? Circulaire initiatieven per provincie.",
        "en": "Who does what, where? Circular initiatives per province.",
    },
    "themes_label": {"nl": "Thema's", "en": "Themes"},
    "theme.climate": {"nl": "klimaat", "en": "climate"},
    "theme.jobs": {"nl": "werkgelegenheid", "en": "jobs"},
    "theme.innovation": {"nl": "innovatie", "en": "innovation"},
    "theme.energy": {"nl": "energie", "en": "energy"},
    "theme.environment": {"nl": "milieu", "en": "environment"},
    "kind.programme": {"nl": "programma", "en": "programme"},
    "kind.initiative": {"nl": "initiatief", "en": "initiative"},
    "kind.result": {"nl": "resultaat", "en": "result"},
    "kind.icoonproject": {"nl": "icoonproject", "en": "flagship project"},
    "kind.network": {"nl": "netwerk", "en": "network"},
    "kind.roadmap": {"nl": "roadmap", "en": "roadmap"},
    "kind_explain.programme": {
        "nl": "beleidsprogramma of -agenda van een overheid of regio",
        "en": "a policy programme or agenda of a government or region",
    },
    "kind_explain.initiative": {
        "nl": "project of onderneming van bedrijven, kennisinstellingen of burgers",
        "en": "a project or venture of companies, knowledge institutes or citizens",
    },
    "kind_explain.result": {
        "nl": "een bereikt resultaat: een besluit, subsidie, opgeleverd werk of cijfer",
        "en": "an achieved result: a decision, grant, completed work or figure",
    },
    "kind_explain.icoonproject": {
        "nl": "een door de provincies aangewezen voorbeeldproject (icoonproject)",
        "en": "a flagship project the provinces named as an example",
    },
    "kind_explain.network": {
        "nl": "samenwerkingsverband, platform of netwerk van partijen",
        "en": "a partnership, platform or network of parties",
    },
    "kind_explain.roadmap": {
        "nl": "een routekaart met doelen en stappen naar circulair",
        "en": "a roadmap with goals and steps towards circularity",
    },
    "status.ongoing": {"nl": "lopend", "en": "ongoing"},
    "status.completed": {"nl": "afgerond", "en": "completed"},
    "status.planned": {"nl": "gepland", "en": "planned"},
    "status.unknown": {"nl": "onbekend", "en": "unknown"},
    "summary": {
        "nl": "{shown} van {total} initiatieven",
        "en": "{shown} of {total} initiatives",
    },
    "metric.count": {"nl": "Aantal initiatieven", "en": "Number of initiatives"},
    "metric.per100k": {
        "nl": "Initiatieven per 100.000 inwoners",
        "en": "Initiatives per 100,000 inhabitants",
    },
    "metric.lq": {"nl": "Locatiequotiënt", "en": "Location quotient"},
    "unit.count": {"nl": "initiatieven", "en": "initiatives"},
    "unit.per100k": {"nl": "per 100.000 inwoners", "en": "per 100,000 inhabitants"},
    "unit.lq": {"nl": "t.o.v. landelijk (1 = gemiddeld)", "en": "vs national (1 = average)"},
    "no_data": {"nl": "geen gegevens", "en": "no data"},
    "indicator_high": {"nl": "Hoog: {means}.", "en": "High: {means}."},
    "ranking_heading": {
        "nl": "Provincies op volgorde van de kaart",
        "en": "Provinces in the map's order",
    },
    "table_empty": {
        "nl": "Geen initiatieven in deze weergave",
        "en": "No initiatives in this view",
    },
    "param.not_in_data": {
        "nl": "{value} staat niet (meer) in de gegevens",
        "en": "{value} is not in the data",
    },
    "downloads_note": {
        "nl": "Downloads en API volgen de filters van de kaart; de snelfilter en de sortering van de tabel gelden alleen voor de tabel.",
        "en": "Downloads and the API follow the map's filters; the table's quick filter and sorting apply to the table only.",
    },
    "tab_title": {"nl": "Kansenkaart CE", "en": "CE Opportunity Map"},
    "methodology_link": {"nl": "Hoe de cijfers gemaakt zijn", "en": "How the figures are made"},
    "coverage_note": {
        "nl": "{initiatives} initiatieven ({rows} regels), verzameld uit openbare bronnen tot en met {until}: geen volledige telling. Aantallen laten vooral zien wat er online te vinden was.",
        "en": "{initiatives} initiatives ({rows} rows), collected from public sources until {until}: not a complete census. Counts mostly show what could be found online.",
    },
    "province_wide_hover": {
        "nl": "<b>{province}</b><br>{count} provinciebrede initiatieven (geen eigen plek op de kaart; klik voor het profiel)",
        "en": "<b>{province}</b><br>{count} province-wide initiatives (no single place on the map; click for the profile)",
    },
    "source_initiatives": {
        "nl": "initiatieven uit openbare bronnen t/m {until}",
        "en": "initiatives from public sources until {until}",
    },
    "source_population": {"nl": "inwoners: CBS 2024", "en": "population: CBS 2024"},
    "metric_group.initiatives": {"nl": "Initiatieven", "en": "Initiatives"},
    "metric_group.indicators": {"nl": "Provinciecijfers", "en": "Province figures"},
    "map_too_few": {
        "nl": "te weinig initiatieven voor een vergelijking",
        "en": "too few initiatives to compare",
    },
    "legend_too_few": {
        "nl": "te weinig initiatieven (minder dan {selected} in de selectie of {total} in totaal)",
        "en": "too few initiatives (fewer than {selected} selected or {total} in all)",
    },
    "legend_kinds": {"nl": "Soort", "en": "Kind"},
    "hover_themes": {"nl": "Thema's", "en": "Themes"},
    "map_label": {
        "nl": "Kaart van de twaalf provincies, gekleurd naar {metric}",
        "en": "Map of the twelve provinces, coloured by {metric}",
    },
    "credit": {
        "nl": "Grenzen: CBS / Kadaster (PDOK), CC BY 4.0; vereenvoudigd door cartomap/nl. Plaatsen: GeoNames (CC BY 4.0) en bronvermelde aanvulling. Cijfers: CBS StatLine (CC BY 4.0), geoFluxus ICER 2023 (PBL, in opdracht van IPO), Klimaatmonitor (Rijkswaterstaat). Initiatieven: openbare bronnen, zie de bronlinks.",
        "en": "Boundaries: CBS / Kadaster (PDOK), CC BY 4.0; simplified by cartomap/nl. Places: GeoNames (CC BY 4.0) and a sourced supplement. Figures: CBS StatLine (CC BY 4.0), geoFluxus ICER 2023 (PBL, commissioned by IPO), Klimaatmonitor (Rijkswaterstaat). Initiatives: public sources, see the source links.",
    },
    "error_page": {
        "nl": "Er ging iets mis. Probeer het opnieuw.",
        "en": "Something went wrong. Please try again.",
    },
    "not_found_page": {
        "nl": "Deze pagina bestaat niet. De kaart staat op de beginpagina.",
        "en": "This page does not exist. The map is on the home page.",
    },
    # --- exploring: controls ---
    "language_label": {"nl": "Taal", "en": "Language"},
    "match_label": {"nl": "Thema's combineren", "en": "Combine themes"},
    "match.any": {"nl": "een van de thema's", "en": "any theme"},
    "match.all": {"nl": "alle thema's", "en": "all themes"},
    "kind_label": {"nl": "Soort", "en": "Kind"},
    "status_label": {"nl": "Status", "en": "Status"},
    "years_label": {"nl": "Startjaar", "en": "Start year"},
    "year_from": {"nl": "van", "en": "from"},
    "year_to": {"nl": "tot en met", "en": "to"},
    "years_hint": {
        "nl": "Een jaar van {first} tot en met {last}. Met een jaarbereik vallen initiatieven zonder bekend startjaar weg.",
        "en": "A year from {first} to {last}. With a year range, initiatives without a known start year are left out.",
    },
    "search_label": {"nl": "Zoeken", "en": "Search"},
    "search_placeholder": {
        "nl": "naam, samenvatting, organisatie",
        "en": "name, summary, organisation",
    },
    "metric_label": {"nl": "Kaart kleurt naar", "en": "Map colours by"},
    "metric.short.count": {"nl": "aantal", "en": "count"},
    "metric.short.per100k": {"nl": "per 100.000 inwoners", "en": "per 100,000 inhabitants"},
    "metric.short.lq": {"nl": "locatiequotiënt", "en": "location quotient"},
    "lq_needs_theme": {
        "nl": "Kies een thema om het locatiequotiënt te zien; de kaart toont nu het aantal.",
        "en": "Choose a theme to see the location quotient; the map shows the count for now.",
    },
    "province_label": {"nl": "Provincie", "en": "Province"},
    "province_placeholder": {"nl": "Alle provincies", "en": "All provinces"},
    "any_placeholder": {"nl": "Alle", "en": "All"},
    "reset_filters": {"nl": "Alle filters wissen", "en": "Reset all filters"},
    "filters_heading": {"nl": "Filters", "en": "Filters"},
    # --- exploring: details ---
    "details_hint": {
        "nl": "Klik op een provincie of een initiatief op de kaart of in de tabel.",
        "en": "Click a province or an initiative on the map or in the table.",
    },
    "profile_heading": {"nl": "Krachtenkaart {name}", "en": "Strengths of {name}"},
    "profile_programme": {"nl": "CE-programma", "en": "CE programme"},
    "profile_no_programme": {
        "nl": "Geen eigen provinciaal CE-programma gevonden.",
        "en": "No provincial CE programme of its own was found.",
    },
    "profile_count": {
        "nl": "Initiatieven in deze weergave: {count}",
        "en": "Initiatives in this view: {count}",
    },
    "profile_theme": {"nl": "Thema", "en": "Theme"},
    "profile_theme_count": {"nl": "Aantal", "en": "Count"},
    "profile_lq": {"nl": "t.o.v. landelijk", "en": "vs national"},
    "profile_lq_explain": {
        "nl": "Locatiequotiënt (LQ): aandeel van het thema in de provincie gedeeld door het landelijke aandeel. Alleen getoond bij ten minste {selected} initiatieven in het thema en {total} in totaal. 'Sterkte' of 'kans' alleen als Fisher's exacte toets (provincie tegen de rest van het land, 10% tweezijdig) een verschil aantoont; anders 'gemiddeld'.",
        "en": "Location quotient (LQ): the theme's share in the province divided by its national share. Shown only with at least {selected} initiatives in the theme and {total} in all. 'Strength' or 'gap' only when Fisher's exact test (province against the rest of the country, 10% two-sided) finds a difference; otherwise 'average'.",
    },
    "verdict.strength": {"nl": "sterkte", "en": "strength"},
    "verdict.gap": {"nl": "kans", "en": "gap"},
    "verdict.average": {
        "nl": "gemiddeld: niet te onderscheiden van landelijk",
        "en": "average: not distinguishable from national",
    },
    "verdict.too_few": {"nl": "te weinig initiatieven", "en": "too few initiatives"},
    "reason.too_few_total": {
        "nl": "minder dan {total} initiatieven in totaal",
        "en": "fewer than {total} initiatives in all",
    },
    "reason.too_few_selected": {
        "nl": "minder dan {selected} in dit thema",
        "en": "fewer than {selected} in this theme",
    },
    "reason.no_national": {
        "nl": "landelijk geen initiatieven in dit thema",
        "en": "no initiatives in this theme nationally",
    },
    "profile_list": {"nl": "Initiatieven", "en": "Initiatives"},
    "clear_province": {"nl": "Provincie wissen", "en": "Clear province"},
    "card_kind": {"nl": "Soort", "en": "Kind"},
    "card_themes": {"nl": "Thema's", "en": "Themes"},
    "card_status": {"nl": "Status", "en": "Status"},
    "card_start": {"nl": "Startjaar", "en": "Start year"},
    "card_municipality": {"nl": "Gemeente", "en": "Municipality"},
    "card_province": {"nl": "Provincie", "en": "Province"},
    "card_organisations": {"nl": "Organisaties", "en": "Organisations"},
    "card_location": {"nl": "Locatie", "en": "Location"},
    "location.site": {
        "nl": "{place} (een plek in {place}; op de kaart het punt van de plaats)",
        "en": "{place} (a site in {place}; the map shows the place's point)",
    },
    "location.place": {"nl": "{place}", "en": "{place}"},
    "location.province": {
        "nl": "provinciebreed: geen eigen plek op de kaart",
        "en": "province-wide: no single place on the map",
    },
    "card_related": {
        "nl": "Hetzelfde initiatief (andere fase, partner of provincie)",
        "en": "The same initiative (another phase, partner or province)",
    },
    "profile_figures": {"nl": "Provinciecijfers", "en": "Province figures"},
    "profile_figures_head": {
        "nl": "Indicator|Waarde|Rang (van 12)|Nederland|Jaar|Bron",
        "en": "Indicator|Value|Rank (of 12)|Netherlands|Year|Source",
    },
    "profile_transition": {
        "nl": "Transitieagenda's: waar de grondstoffen van deze provincie op leunen",
        "en": "Transition agendas: what this province's materials lean on",
    },
    "profile_transition_explain": {
        "nl": "Aandeel van elke transitieagenda in de milieukosten (MKI) van de directe materiaalinzet van de provincie, gedeeld door het landelijke aandeel (boven 1: de provincie leunt er meer op). geoFluxus, ICER 2023 (PBL), cijfers 2020. Dit profiel rust op cijfers voor de hele economie.",
        "en": "Each transition agenda's share of the environmental cost (MKI) of the province's direct material input, divided by the national share (above 1: the province leans on it more). geoFluxus, ICER 2023 (PBL), 2020 figures. This profile rests on figures for the whole economy.",
    },
    "transition_axis": {"nl": "t.o.v. landelijk aandeel", "en": "vs national share"},
    "transition_head": {
        "nl": "Transitieagenda|Aandeel provincie|Aandeel NL|Quotiënt",
        "en": "Transition agenda|Province share|NL share|Quotient",
    },
    "profile_on_map": {"nl": "Initiatieven op de kaart", "en": "Initiatives on the map"},
    "profile_list_sites": {"nl": "Op een plek", "en": "At a place"},
    "profile_list_wide": {"nl": "Provinciebreed", "en": "Province-wide"},
    "rank": {"nl": "{rank}e", "en": "#{rank}"},
    "card_source": {"nl": "Bron openen", "en": "Open source"},
    "card_outside_filters": {
        "nl": "Dit initiatief valt buiten de huidige filters: de kaart en de tabel tonen het niet.",
        "en": "This initiative is outside the current filters: the map and the table do not show it.",
    },
    "card_summary_lang": {
        "nl": "Samenvatting (in het Engels)",
        "en": "Summary",
    },
    "close": {"nl": "Sluiten", "en": "Close"},
    "unknown": {"nl": "onbekend", "en": "unknown"},
    # --- exploring: table ---
    "table_heading": {"nl": "Initiatieven in deze weergave", "en": "Initiatives in this view"},
    "table_quick_filter": {"nl": "Filter de tabel", "en": "Filter the table"},
    "col.name": {"nl": "Naam", "en": "Name"},
    "col.province": {"nl": "Provincie", "en": "Province"},
    "col.municipality": {"nl": "Gemeente", "en": "Municipality"},
    "col.kind": {"nl": "Soort", "en": "Kind"},
    "col.themes": {"nl": "Thema's", "en": "Themes"},
    "col.status": {"nl": "Status", "en": "Status"},
    "col.start_year": {"nl": "Startjaar", "en": "Start year"},
    # --- messages ---
    "empty_results": {
        "nl": "Geen initiatieven passen bij deze filters.",
        "en": "No initiatives match these filters.",
    },
    "empty_because": {
        "nl": "Zonder {filter} zouden er {count} zijn.",
        "en": "Without {filter} there would be {count}.",
    },
    "empty_because.one": {
        "nl": "Zonder {filter} zou er 1 zijn.",
        "en": "Without {filter} there would be 1.",
    },
    "filter.theme": {"nl": "het themafilter", "en": "the theme filter"},
    "filter.match": {"nl": "'alle thema's'", "en": "'all themes'"},
    "filter.province": {"nl": "de provincie", "en": "the province"},
    "filter.kind": {"nl": "het soortfilter", "en": "the kind filter"},
    "filter.status": {"nl": "het statusfilter", "en": "the status filter"},
    "filter.years": {"nl": "het jaarbereik", "en": "the year range"},
    "filter.q": {"nl": "de zoekterm", "en": "the search term"},
    "params_dropped": {
        "nl": "Deze delen van de link zijn genegeerd:",
        "en": "These parts of the link were ignored:",
    },
    "dismiss": {"nl": "Melding sluiten", "en": "Dismiss"},
    "params_changed": {
        "nl": "Deze delen van de link zijn aangepast of genegeerd:",
        "en": "These parts of the link were adjusted or ignored:",
    },
    # --- what was wrong with a link's parameter (the English one is also the API's message) ---
    "param.unknown": {"nl": "onbekende parameter", "en": "unknown parameter"},
    "param.not_a.theme": {
        "nl": "{items} is geen thema en is weggelaten (mogelijk: {allowed})",
        "en": "{items} is not a theme; use {allowed}",
    },
    "param.not_a.kind": {
        "nl": "{items} is geen soort en is weggelaten (mogelijk: {allowed})",
        "en": "{items} is not a kind; use {allowed}",
    },
    "param.not_a.status": {
        "nl": "{items} is geen status en is weggelaten (mogelijk: {allowed})",
        "en": "{items} is not a status; use {allowed}",
    },
    "param.not_one_of": {
        "nl": "{value} is niet een van {allowed}",
        "en": "{value} is not one of {allowed}",
    },
    "param.not_a_year": {"nl": "{value} is geen jaartal", "en": "{value} is not a year"},
    "param.year_outside": {
        "nl": "{year} valt buiten de jaren van deze kaart: kies een jaar van {first} tot en met {last}",
        "en": "{year} is outside {first}..{last}: use a year from {first} to {last}",
    },
    "param.years_swapped": {
        "nl": "het beginjaar {later} ligt na het eindjaar {earlier}: de jaren zijn omgewisseld, nu {earlier} tot en met {later}",
        "en": "from={later} is after to={earlier}: the years were swapped, now {earlier} to {later}",
    },
    "param.not_a_province": {
        "nl": "{value} is geen provincie; gebruik een CBS-code (PV20..PV31) of de naam van een provincie",
        "en": "{value} is not a province; use a CBS province code (PV20..PV31) or a province name",
    },
    "param.too_long": {
        "nl": "is langer dan {limit} tekens",
        "en": "is longer than {limit} characters",
    },
    "param.control_characters": {"nl": "bevat stuurtekens", "en": "contains control characters"},
    "param.not_an_initiative_id": {
        "nl": "{value} is geen initiatief-id",
        "en": "{value} is not an initiative id",
    },
    # --- analysts: downloads ---
    "downloads_label": {"nl": "Downloaden", "en": "Download"},
    "download.csv": {"nl": "CSV", "en": "CSV"},
    "download.xlsx": {"nl": "Excel", "en": "Excel"},
    "download.geojson": {"nl": "GeoJSON", "en": "GeoJSON"},
    "download.png": {"nl": "Kaart (PNG)", "en": "Map (PNG)"},
    "download.svg": {"nl": "Kaart (SVG)", "en": "Map (SVG)"},
    "download.provinces_csv": {"nl": "Provincies (CSV)", "en": "Provinces (CSV)"},
    "download.provinces_xlsx": {"nl": "Provincies (Excel)", "en": "Provinces (Excel)"},
    "download.provinces_geojson": {"nl": "Provincies (GeoJSON)", "en": "Provinces (GeoJSON)"},
    "download_title": {
        "nl": "De gefilterde weergave als {what}",
        "en": "The filtered view as {what}",
    },
    # --- presentation mode ---
    "demo_start": {"nl": "Presentatie", "en": "Present"},
    "demo_exit": {"nl": "Presentatie verlaten (Esc)", "en": "Leave presentation (Esc)"},
    "demo_resume": {"nl": "Verder", "en": "Resume"},
    "demo_paused": {
        "nl": "Gepauzeerd: druk op Verder om door te gaan, Esc om te stoppen.",
        "en": "Paused: press Resume to go on, Esc to stop.",
    },
    "tour_theme": {
        "nl": "{theme}: {count} initiatieven; {leaders} lopen voorop (getoetst)",
        "en": "{theme}: {count} initiatives; {leaders} lead the way (tested)",
    },
    "tour_theme_one": {
        "nl": "{theme}: {count} initiatieven; {leaders} loopt voorop (getoetst)",
        "en": "{theme}: {count} initiatives; {leaders} leads the way (tested)",
    },
    "tour_theme_counts": {
        "nl": "{theme}: {count} initiatieven, de meeste in {most}; geen provincie wijkt aantoonbaar af",
        "en": "{theme}: {count} initiatives, most in {most}; no province differs demonstrably",
    },
    "tour_theme_none": {
        "nl": "{theme}: nog geen initiatieven in deze selectie",
        "en": "{theme}: no initiatives in this selection yet",
    },
    "tour_province": {
        "nl": "{province}: {count} initiatieven, sterk in {strengths}",
        "en": "{province}: {count} initiatives, strong in {strengths}",
    },
    "tour_province_plain": {
        "nl": "{province}: {count} initiatieven",
        "en": "{province}: {count} initiatives",
    },
    "and": {"nl": "en", "en": "and"},
    "tour_province_theme": {
        "nl": "{province}, {themes}: {count} initiatieven",
        "en": "{province}, {themes}: {count} initiatives",
    },
    "tour_province_theme_strong": {
        "nl": "{province}, {themes}: {count} initiatieven; sterk in {strengths} (getoetst)",
        "en": "{province}, {themes}: {count} initiatives; strong in {strengths} (tested)",
    },
    "tour_view": {
        "nl": "{count} initiatieven op de kaart",
        "en": "{count} initiatives on the map",
    },
    "tour_pause": {"nl": "Pauze", "en": "Pause"},
    "tour_previous": {"nl": "Vorige stap", "en": "Previous step"},
    "tour_next": {"nl": "Volgende stap", "en": "Next step"},
    # --- large data sets ---
    "cluster_hover": {
        "nl": "{count} initiatieven in dit gebied<br>Kies een provincie om ze los te zien",
        "en": "{count} initiatives in this area<br>Choose a province to see them one by one",
    },
    "clustered_note": {
        "nl": "{count} initiatieven: de kaart bundelt ze per gebied. Kies een provincie of filter verder om ze los te zien.",
        "en": "{count} initiatives: the map groups them by area. Choose a province or filter further to see them one by one.",
    },
    "table_capped": {
        "nl": "De tabel toont de eerste {shown} van {total}; download CSV of Excel voor alles.",
        "en": "The table shows the first {shown} of {total}; download CSV or Excel for all.",
    },
    # --- exports (the Excel about sheet, map image titles) ---
    "export.no_filters": {"nl": "geen (alle initiatieven)", "en": "none (all initiatives)"},
    "export.years_from": {"nl": "vanaf {year}", "en": "from {year}"},
    "export.years_to": {"nl": "tot en met {year}", "en": "up to {year}"},
    "export.about_title": {"nl": "Over deze export", "en": "About this export"},
    "export.about_filters": {"nl": "Filters", "en": "Filters"},
    "export.about_rows": {"nl": "Aantal rijen", "en": "Number of rows"},
    "export.about_exported": {"nl": "Geëxporteerd (UTC)", "en": "Exported (UTC)"},
    "export.about_data_version": {"nl": "Dataversie", "en": "Data version"},
    "export.about_boundaries": {"nl": "Provinciegrenzen", "en": "Province boundaries"},
    "export.about_boundaries_text": {
        "nl": "CBS / Kadaster (PDOK), licentie CC BY 4.0",
        "en": "CBS / Kadaster (PDOK), licence CC BY 4.0",
    },
    "export.about_initiatives": {"nl": "Initiatieven", "en": "Initiatives"},
    "export.about_initiatives_text": {
        "nl": "Openbare bronnen; de bron van elke rij staat in de kolom source_url.",
        "en": "Public sources; each row's source is in the column source_url.",
    },
    "export.about_link": {"nl": "Deze weergave openen", "en": "Open this view"},
    "export.about_formulas": {"nl": "Let op", "en": "Note"},
    "export.about_formulas_text": {
        "nl": "Tekst die met = + - @ of een tab begint, staat er met een apostrof (') voor, zodat een spreadsheet hem niet als formule uitvoert.",
        "en": "Text starting with = + - @ or a tab is prefixed with an apostrophe (') so a spreadsheet never runs it as a formula.",
    },
    "export.about_coverage": {"nl": "Volledigheid", "en": "Coverage"},
    "export.about_sources": {"nl": "Bronnen en licenties", "en": "Sources and licences"},
    "export.about_sources_text": {
        "nl": "Provinciegrenzen: CBS / Kadaster (PDOK), CC BY 4.0; vereenvoudigd door cartomap/nl. Plaatsen: GeoNames (CC BY 4.0) en een aanvulling met bronvermelding. Indicatoren: CBS StatLine (CC BY 4.0), geoFluxus ICER 2023 (PBL, in opdracht van IPO), Klimaatmonitor (Rijkswaterstaat).",
        "en": "Province boundaries: CBS / Kadaster (PDOK), CC BY 4.0; vereenvoudigd door cartomap/nl. Places: GeoNames (CC BY 4.0) and sourced supplement. Indicators: CBS StatLine (CC BY 4.0), geoFluxus ICER 2023 (PBL, in opdracht van IPO), Klimaatmonitor (Rijkswaterstaat).",
    },
    "export.about_location": {"nl": "Locatie en telling", "en": "Location and counting"},
    "export.about_location_text": {
        "nl": "lat/lon is het punt van de plaats in de kolom place, ook bij rijen met location_precision = site (de locatie zelf is niet gegeocodeerd). Provinciebrede rijen (location_precision = province) hebben geen punt: lat en lon zijn leeg, in GeoJSON is de geometrie null. Een rij met same_as is hetzelfde initiatief als de rij die daar genoemd wordt (een fase, een partner of hetzelfde programma in een andere provincie).",
        "en": "lat/lon is the point of the place in the column place, also for rows with location_precision = site (the site itself is not geocoded). Province-wide rows (location_precision = province) have no point: lat and lon are empty, and in GeoJSON the geometry is null. A row with same_as is the same initiative as the row it names (a phase, a partner or the same programme in another province).",
    },
    "export.map_count": {"nl": "{count} initiatieven", "en": "{count} initiatives"},
    "export.file_provinces": {"nl": "provincies", "en": "provinces"},
    "export.file_all_themes": {"nl": "alle-themas", "en": "all-themes"},
    "export.about_metric_source": {
        "nl": "Bron van de kaartwaarde",
        "en": "Source of the map's figure",
    },
    "export.about_data_version_text": {
        "nl": "{version} (initiatieven verzameld tot {until})",
        "en": "{version} (initiatives collected until {until})",
    },
    "export.about_population_year": {
        "nl": "Inwonertal (CBS) per 1 januari van",
        "en": "Population (CBS) as of 1 January",
    },
    # --- dropdown internals (Dash's Dropdown `labels`) ---
    "dropdown.select_all": {"nl": "Alles selecteren", "en": "Select all"},
    "dropdown.deselect_all": {"nl": "Alles deselecteren", "en": "Deselect all"},
    "dropdown.selected_count": {
        "nl": "{{num_selected}} gekozen",
        "en": "{{num_selected}} selected",
    },
    "dropdown.search": {"nl": "Zoeken", "en": "Search"},
    "dropdown.clear_search": {"nl": "Zoekterm wissen", "en": "Clear search"},
    "dropdown.clear_selection": {"nl": "Keuze wissen", "en": "Clear selection"},
    "dropdown.no_options_found": {"nl": "Niets gevonden", "en": "Nothing found"},
    # --- server: data reload and errors (kansenkaart.store, server.web) ---
    "data_rejected": {
        "nl": "Gegevensupdate geweigerd: {problems} in {files} ({first}). De kaart toont de vorige versie ({version}).",
        "en": "Data update rejected: {problems} in {files} ({first}). The map shows the previous version ({version}).",
    },
    "data_rejected.one": {"nl": "1 probleem", "en": "1 problem"},
    "data_rejected.many": {"nl": "{count} problemen", "en": "{count} problems"},
    "data_rejected.line": {"nl": "regel {line}", "en": "line {line}"},
    "data_pending": {
        "nl": "Nieuwe gegevens worden nog geschreven; de kaart toont versie {version} tot ze compleet zijn.",
        "en": "New data files are still being written; the map shows version {version} until they are complete.",
    },
    "data_reloading": {
        "nl": "Nieuwe gegevens worden gecontroleerd; de kaart toont zolang versie {version}.",
        "en": "New data is being checked; the map shows version {version} meanwhile.",
    },
    "error_reference": {"nl": "Foutcode: {ref}", "en": "Error reference: {ref}"},
    # --- embed, feedback, print (issue 17: kansenkaart/feedback.py, ui/embed.py) ---
    "embed_full_map": {"nl": "Open de volledige kaart", "en": "Open the full map"},
    "embed_new_window": {
        "nl": "opent in een nieuw venster",
        "en": "opens in a new window",
    },
    "feedback_correction": {"nl": "Meld een correctie", "en": "Report a correction"},
    "feedback_missing": {"nl": "Mis je een initiatief?", "en": "Missing an initiative?"},
    "feedback_opens": {
        "nl": "Opent een bericht aan de makers (e-mail of meldformulier); de kaart zelf bewaart niets.",
        "en": "Opens a message to the makers (e-mail or issue form); the map itself stores nothing.",
    },
    "feedback_correction_title": {
        "nl": "Correctie: {name} ({id})",
        "en": "Correction: {name} ({id})",
    },
    "feedback_correction_body": {
        "nl": "Initiatief: {name}\nId: {id}\nWeergave: {link}\n\nWat klopt er niet, en wat is juist? Graag met een openbare bron.\n",
        "en": "Initiative: {name}\nId: {id}\nView: {link}\n\nWhat is wrong, and what is right? Please add a public source.\n",
    },
    "feedback_missing_title": {"nl": "Ontbrekend initiatief", "en": "Missing initiative"},
    "feedback_missing_body": {
        "nl": "Welk initiatief ontbreekt? Naam, plaats of provincie, en een openbare bron:\n\n\nWeergave: {link}\n",
        "en": "Which initiative is missing? Name, place or province, and a public source:\n\n\nView: {link}\n",
    },
    "print_profile": {"nl": "Profiel afdrukken", "en": "Print profile"},
}


# --- compare provinces and the time view (issue 17, items 1 and 3) ---
STRINGS.update(
    {
        "param.compare_count": {
            "nl": "{count} provincie(s) gekozen; vergelijk er {low} tot {high}",
            "en": "{count} province(s) chosen; compare {low} to {high}",
        },
        "compare_heading": {"nl": "Provincies vergelijken", "en": "Compare provinces"},
        "compare_label": {"nl": "Kies 2 tot 4 provincies", "en": "Choose 2 to 4 provinces"},
        "compare_placeholder": {"nl": "Provincies...", "en": "Provinces..."},
        "compare_button": {"nl": "Vergelijk", "en": "Compare"},
        "compare_close": {"nl": "Vergelijking sluiten", "en": "Close comparison"},
        "compare_title": {"nl": "Vergelijking: {names}", "en": "Comparison: {names}"},
        "compare_figures": {"nl": "Cijfers van de provincies", "en": "Province figures"},
        "compare_figures_head": {"nl": "Indicator|Jaar", "en": "Indicator|Year"},
        "compare_rank": {"nl": "{rank}e van 12", "en": "#{rank} of 12"},
        "compare_transition": {
            "nl": "Transitieagenda's: aandeel t.o.v. landelijk (quotiënt)",
            "en": "Transition agendas: share against national (quotient)",
        },
        "compare_themes": {
            "nl": "Initiatieven op de kaart per thema (aantal · LQ · oordeel)",
            "en": "Initiatives on the map per theme (count · LQ · verdict)",
        },
        "compare_count_row": {
            "nl": "Initiatieven in deze weergave",
            "en": "Initiatives in this view",
        },
        "compare_order": {"nl": "Volgorde (LQ)", "en": "Order (LQ)"},
        "compare_order_too_few": {
            "nl": "niet te rangschikken: te weinig initiatieven in {names}",
            "en": "not ranked: too few initiatives in {names}",
        },
        "compare_tested": {"nl": "(getoetst)", "en": "(tested)"},
        "compare_no_difference": {
            "nl": "geen aantoonbaar verschil tussen deze provincies",
            "en": "no demonstrable difference between these provinces",
        },
        "compare_none": {"nl": "geen initiatieven", "en": "no initiatives"},
        "compare_hint": {
            "nl": "Kies 2 tot 4 provincies en klik op Vergelijk.",
            "en": "Choose 2 to 4 provinces and click Compare.",
        },
        "timeline_heading": {"nl": "Initiatieven per startjaar", "en": "Initiatives by start year"},
        "timeline_note": {
            "nl": "{known} met een bekend startjaar; {unknown} zonder bekend startjaar (niet in de grafiek). Klik op een jaar om alleen dat jaar te tonen.",
            "en": "{known} with a known start year; {unknown} without a known start year (not in the chart). Click a year to show that year only.",
        },
        "timeline_range": {
            "nl": "Gekozen: {start} t/m {end} ({count} initiatieven); zonder startjaar vallen buiten een periode.",
            "en": "Chosen: {start} to {end} ({count} initiatives); those without a start year fall outside any range.",
        },
        "timeline_range.one": {
            "nl": "Gekozen: {start} t/m {end} (1 initiatief); zonder startjaar vallen buiten een periode.",
            "en": "Chosen: {start} to {end} (1 initiative); those without a start year fall outside any range.",
        },
        "timeline_empty": {
            "nl": "Geen initiatief in deze weergave heeft een bekend startjaar ({unknown} zonder).",
            "en": "No initiative in this view has a known start year ({unknown} without).",
        },
        "timeline_axis": {"nl": "initiatieven", "en": "initiatives"},
        "tour_years": {
            "nl": "Tot en met {year}: {count} initiatieven met een bekend startjaar ({unknown} zonder startjaar niet meegeteld)",
            "en": "Up to {year}: {count} initiatives with a known start year ({unknown} without a start year not counted)",
        },
    }
)


def t(key: str, lang: str, **values: object) -> str:
    """The string for `key` in `lang`, with `{placeholders}` filled. No silent fallback: a gap in
    the table is a KeyError here and a failing test (tests/unit/test_registries.py)."""
    return STRINGS[key][lang].format(**values)


def tn(key: str, count: int, lang: str, **values: object) -> str:
    """`t` with the grammar of one: the `<key>.one` entry when `count` is 1 and it exists."""
    chosen = f"{key}.one" if count == 1 and f"{key}.one" in STRINGS else key
    return t(chosen, lang, count=count, **values)


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' in Dutch, '1,234.5' in English."""
    language = LANGUAGE_REGISTRY[lang]
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", language.thousands + language.decimal))
