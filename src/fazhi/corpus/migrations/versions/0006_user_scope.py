"""account scopes: the region a user may see (users.scope, users.scope_name)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

users.scope holds the adcode prefix of the user's region (2 digits: a province, 4: a
prefecture, 6: a county); NULL means every report, which is what existing users keep.
users.scope_name is the place as the admin wrote it, for display.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('scope', sa.String(length=12), nullable=True))
        batch.add_column(sa.Column('scope_name', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.drop_column('scope_name')
        batch.drop_column('scope')
