"""index reports (province, report_year)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Lets a panel or list filtered by province and year start from the reports instead of
walking every fact of an indicator (538 ms -> see docs/benchmarks.md ("Corpus at scale") at 100,000 reports).
"""
from __future__ import annotations

from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_province_year', ['province', 'report_year'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_province_year')
