"""Command-line interface (filled in by the CLI module)."""


def main() -> None:  # pragma: no cover - replaced by the Typer app
    raise SystemExit("kbp CLI not built yet")
