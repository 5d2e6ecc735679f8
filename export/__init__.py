"""Export stage: tables built from the core types, written as SQLite, CSV, Parquet."""
