"""Callbacks, one module per concern; importing a module registers its callbacks."""
