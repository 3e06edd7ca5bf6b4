"""Kansenkaart CE: the domain (data, filters, metrics, exports). No Dash import lives here."""
