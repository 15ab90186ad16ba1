"""The web app: the knowledge base served read-only over HTTP (pages and their JSON twins)."""
from annalyst.web.app import create_app

__all__ = ["create_app"]
