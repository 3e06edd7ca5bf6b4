"""Component ids, defined once: a typo is an import error, not a silent dead callback."""

from kansenkaart.exports import EXPORT_FORMATS

URL = "url"
VIEW = "view"
# The view and the link once the map has painted them: the panels that follow the view listen to
# these, so their requests and answers do not compete with the map's paint (callbacks/after_paint.py).
VIEW_SHOWN = "view-shown"
LINK_SHOWN = "link-shown"
LANG_STORE = "lang-store"

# controls (each edits one URL parameter)
LANG = "lang-toggle"
THEMES = "theme-filter"
MATCH = "match-mode"
KINDS = "kind-filter"
STATUSES = "status-filter"
YEAR_FROM = "year-from"
YEAR_TO = "year-to"
SEARCH = "search"
METRIC = "metric"
PROVINCE = "province-select"

# events that change the view
RESET = "reset-filters"
CLEAR_PROVINCE = "clear-province"
CLOSE_CARD = "close-card"
OPEN_INITIATIVE = "open-initiative"
OPEN_RELATED = "open-related"  # pattern type of the card's links to rows of the same initiative  # pattern-matching type: {"type": OPEN_INITIATIVE, "index": id}

# outputs
COVERAGE = "coverage-note"
TITLE = "tab-title"  # store: the browser tab's title for the view
RANKING = "ranking"
MAP = "map"
MAP_LEGEND = "map-legend"
SUMMARY = "summary"
MAP_SOURCE = "map-source"
MESSAGE = "message"
NOTICE = "notice"
NOTICE_TEXT = "notice-text"
NOTICE_CLOSE = "notice-close"
PROFILE = "profile"
PROFILE_BODY = "profile-body"
PROFILE_ON_MAP = "profile-on-map"
PROFILE_CHART = "profile-chart"
TRANSITION_CHART = "transition-chart"
#: Their slots (ui/charts.py: a chart is there only with data).
PROFILE_CHART_SLOT = "profile-chart-slot"
TRANSITION_CHART_SLOT = "transition-chart-slot"
PROFILE_LIST = "profile-list"
CARD = "card"
CARD_BODY = "card-body"
DETAILS_HINT = "details-hint"
TABLE = "table"
TABLE_FILTER = "table-filter"
TABLE_NOTE = "table-note"

# downloads (plain links; their href follows the view)
DOWNLOAD_PREFIX = "download-"
DOWNLOADS = {key: chosen.path for key, chosen in EXPORT_FORMATS.items()}

# data updates on disk
DATA_POLL = "data-poll"
DATA_VERSION = "data-version"
DATA_NOTICE = "data-notice"

# presentation mode
PAGE = "page"
MODE_STORE = "mode-store"
DEMO_START = "demo-start"
DEMO_EXIT = "demo-exit"
TOUR = "tour"
TOUR_TIMER = "tour-timer"
TOUR_CAPTION = "tour-caption"
TOUR_RESUME = "tour-resume"
TOUR_PREVIOUS = "tour-previous"
TOUR_NEXT = "tour-next"
TOUR_PAUSE = "tour-pause"
