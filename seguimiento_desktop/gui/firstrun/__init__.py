"""The first-run assistant: register the plantel or try a demo plantel."""
