"""The PySide6 window over the ``ctip_desktop`` core. Presentation only: no data rules here."""
