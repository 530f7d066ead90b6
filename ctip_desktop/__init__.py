"""CTIP Outreach Desk: the core library (no Qt here; the window lives in ``ui``)."""

__version__ = "0.1.0"
APP_NAME = "CTIP Outreach Desk"
APP_ID = "ctip-outreach-desk"
