"""The store on SQLAlchemy (SQLite, PostgreSQL): schema, engine, merge, full-text index, per-day summary."""
