"""Running the per-file map: units of work (work.py), on local processes or on Dask."""
