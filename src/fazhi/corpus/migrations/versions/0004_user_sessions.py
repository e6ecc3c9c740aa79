"""users: a session version per user (revocable sessions); tokens: last use

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

A web session holds the user's id and `session_version`; bumping the version (log out
everywhere, password change, role change) ends every session of that user. `revoked_sessions` holds the ids of sessions
logged out (until they would have expired anyway), so a copied cookie dies at logout. A deleted user's
sessions die with the row (a user re-created under the same name has a new id).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_used', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'revoked_sessions',
        sa.Column('sid', sa.String(length=64), primary_key=True),
        sa.Column('expires', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_revoked_sessions_expires', 'revoked_sessions', ['expires'])


def downgrade() -> None:
    op.drop_index('ix_revoked_sessions_expires', table_name='revoked_sessions')
    op.drop_table('revoked_sessions')
    with op.batch_alter_table('tokens', schema=None) as batch_op:
        batch_op.drop_column('last_used')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
