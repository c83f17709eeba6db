"""Builders of the demo site: see builder.build_demo and manage.py load_demo."""
