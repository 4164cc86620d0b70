# Work in progress.
