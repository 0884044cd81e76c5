"""Quality evaluations: ``python -m evals <area>`` prints figures and writes a report under evals/reports/."""
