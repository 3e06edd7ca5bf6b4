"""Map layers: pure functions that turn data frames into Plotly traces and trace updates."""
