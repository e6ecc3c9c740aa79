"""reviewers' corrections of report metadata, with who, when, old and new value

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Table `corrections` (schema.py), keyed by the report key so that a correction survives
re-analysis and new versions of the same report; column `reports.corrected` (the fields a
reviewer corrected, comma-separated, null for none). Nothing else changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_key', sa.Text(), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('old', sa.Text(), nullable=True),
        sa.Column('new', sa.Text(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('user', sa.Text(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_corrections_key', 'corrections', ['report_key'], unique=False)
    with op.batch_alter_table('reports') as batch:
        batch.add_column(sa.Column('corrected', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reports') as batch:
        batch.drop_column('corrected')
    op.drop_index('ix_corrections_key', table_name='corrections')
    op.drop_table('corrections')
