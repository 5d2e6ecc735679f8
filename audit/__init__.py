"""The audit stage: for each canonical convention, every commune and EPCI it involves and what the
corpus says of their signature and approval (rows.py), read after dedupe in the run's reduce.

approval.py   which deliberation or stamp of a council approves a convention
territory.py  the territory over time: an earlier convention's or deliberation's communes
findings.py   the findings' wording, one table
rows.py       the audit rows of a run (build_audit)
view.py       `ctg audit`'s console text
"""
