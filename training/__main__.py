"""``python -m training train-ner`` / ``evaluate-ner`` / ``build-laws`` from the repository root."""

from training.cli import app

if __name__ == "__main__":
    app()
