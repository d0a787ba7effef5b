"""The PySide6 desktop app (arrives with the GUI issue). Thin: draws state, starts workers."""
