"""HTTP: the Flask server under Dash, headers, health, errors, the API and the exports' HTTP side."""
