"""The command line: parses options and calls library functions."""

import typer

app = typer.Typer()


def main() -> None:
    app()
