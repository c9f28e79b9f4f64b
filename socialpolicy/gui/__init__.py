"""The desktop app: all Qt code lives in this package, and nothing else."""
