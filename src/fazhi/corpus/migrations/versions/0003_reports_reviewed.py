"""reports: verdict and finding counts after the reviewers' decisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

`reviewed_verdict` and `reviewed_major/minor/info` hold the verdict and per-severity counts
after reviewers dismissed or added findings (null = no reviewer input), so that lists can
filter by the after-review verdict in SQL: COALESCE(reviewed_*, engine column).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reviewed_verdict', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_major', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_minor', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_info', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('reviewed_info')
        batch_op.drop_column('reviewed_minor')
        batch_op.drop_column('reviewed_major')
        batch_op.drop_column('reviewed_verdict')
