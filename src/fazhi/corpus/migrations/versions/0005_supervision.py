"""the supervision cycle: roster units and hand links, 整改台账 items, history and evidence

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Tables of fazhi/supervision/ (schema.py: roster_units, roster_links, rectify_items,
rectify_history, rectify_evidence). Nothing existing changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'roster_units',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('place', sa.Text(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('level', sa.String(length=20), nullable=True),
        sa.Column('region', sa.Text(), nullable=True),
        sa.Column('jurisdiction', sa.Text(), nullable=True),
        sa.Column('department', sa.Text(), nullable=True),
        sa.Column('credit_code', sa.String(length=18), nullable=True),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('place', 'name', name='uq_roster_units_place_name'),
    )
    op.create_table(
        'roster_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_year', sa.Integer(), nullable=False),
        sa.Column('unit', sa.Text(), nullable=False),
        sa.Column('report_key', sa.Text(), nullable=False),
        sa.Column('linked', sa.Boolean(), nullable=False),
        sa.Column('user', sa.Text(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_roster_links_year_unit', 'roster_links', ['report_year', 'unit'], unique=False)
    op.create_table(
        'rectify_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('origin', sa.String(length=20), nullable=False),
        sa.Column('problem', sa.Text(), nullable=False),
        sa.Column('quote', sa.Text(), nullable=True),
        sa.Column('report_key', sa.Text(), nullable=True),
        sa.Column('report_year', sa.Integer(), nullable=True),
        sa.Column('finding_key', sa.Text(), nullable=True),
        sa.Column('measure', sa.Text(), nullable=True),
        sa.Column('unit', sa.Text(), nullable=False),
        sa.Column('person', sa.Text(), nullable=True),
        sa.Column('deadline', sa.String(length=10), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('progress', sa.Text(), nullable=True),
        sa.Column('created_by', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_rectify_items_unit', 'rectify_items', ['unit'], unique=False)
    op.create_table(
        'rectify_history',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user', sa.Text(), nullable=True),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('old', sa.Text(), nullable=True),
        sa.Column('new', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['item_id'], ['rectify_items.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_rectify_history_item', 'rectify_history', ['item_id'], unique=False)
    op.create_table(
        'rectify_evidence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('user', sa.Text(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['rectify_items.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('rectify_evidence')
    op.drop_index('ix_rectify_history_item', table_name='rectify_history')
    op.drop_table('rectify_history')
    op.drop_index('ix_rectify_items_unit', table_name='rectify_items')
    op.drop_table('rectify_items')
    op.drop_index('ix_roster_links_year_unit', table_name='roster_links')
    op.drop_table('roster_links')
    op.drop_table('roster_units')
