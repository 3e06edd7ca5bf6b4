"""Page composition: component ids and the layout (no callbacks, no domain logic)."""
