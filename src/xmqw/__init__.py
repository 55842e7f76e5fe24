"""xmqw: a corpus query tool for Chinese news about local key-project construction."""

__version__ = "0.1.0"
