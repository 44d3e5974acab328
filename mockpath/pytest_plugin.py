"""pytest plugin: mockpath fixtures (filled in by the plugin work)."""
