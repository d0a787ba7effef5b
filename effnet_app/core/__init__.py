"""The ML engine. Pure Python + torch; never imports Qt (checked by import-linter)."""
