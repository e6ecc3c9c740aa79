"""indexes of the web app's reads over the current reports

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

`ix_reports_current_state` (current, analyzed_at, id) answers the corpus state the web app's
caches are keyed by (count, newest id, latest analysis) and the count of the report list from
the index; `ix_reports_current_place` (current, province, jurisdiction, department,
report_year) serves the report list's default order and the filters' choices. Without them
each of these reads the whole reports table (whose rows hold the texts). Nothing else changes.
"""
from __future__ import annotations

from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_reports_current_state', 'reports', ['current', 'analyzed_at', 'id'])
    op.create_index('ix_reports_current_place', 'reports',
                    ['current', 'province', 'jurisdiction', 'department', 'report_year'])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("ANALYZE reports")
    elif bind.dialect.name == "postgresql":
        op.execute("ANALYZE reports")


def downgrade() -> None:
    op.drop_index('ix_reports_current_place', table_name='reports')
    op.drop_index('ix_reports_current_state', table_name='reports')
