"""what the last corpus refresh saw, for the incremental refresh (issue 13)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Tables `corpus_bands` (band, key, report_id: the LSH band keys of the current reports'
paragraph signatures, the primary key serving a bucket's owners), `corpus_seen` (per report:
analysis stamp, grouping fields, band keys) and `corpus_state` (whether they are complete, and
fingerprints of the configuration and of the 整改台账). They start empty and not ready: the first
corpus refresh after the upgrade is a full recompute that fills them (corpus/incremental.py).
Nothing else changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'corpus_bands',
        sa.Column('band', sa.SmallInteger(), nullable=False),
        sa.Column('key', sa.BigInteger(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('band', 'key', 'report_id'),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'corpus_seen',
        sa.Column('report_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('stamp', sa.Text(), nullable=False),
        sa.Column('meta', sa.JSON(), nullable=False),
        sa.Column('bands', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('report_id'),
    )
    op.create_table(
        'corpus_state',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('value', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('corpus_state')
    op.drop_table('corpus_seen')
    op.drop_table('corpus_bands')
