"""The first tables: the mailbox core (messages in and out, the cursor) and applications.

Revision ID: 0001
Revises: nothing
Created: 2026-11-22 06:24:47.818516
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.Enum('ACCEPTED', 'NEEDS_FIX', 'REJECTED', 'REVIEW', name='applicationstatus'), nullable=False),
    sa.Column('fields_json', sa.Text(), nullable=False),
    sa.Column('findings_json', sa.Text(), nullable=False),
    sa.Column('reason_codes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('person_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('duplicate_of', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('cleared_reviews', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decided_by_organizer', sa.Boolean(), nullable=False),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('first_arrived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_arrived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_person_key'), ['person_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_phone_key'), ['phone_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_status'), ['status'], unique=False)

    op.create_table('folder_cursor',
    sa.Column('folder', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('uidvalidity', sa.Integer(), nullable=False),
    sa.Column('last_uid', sa.Integer(), nullable=False),
    sa.Column('polled_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('folder')
    )
    op.create_table('inbound_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('folder', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('uidvalidity', sa.Integer(), nullable=False),
    sa.Column('uid', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('raw_path', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('internaldate', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sender', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sender_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('in_reply_to', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('references', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('UNSORTED', 'APPLICATION', 'AMENDMENT', 'JURY_REPLY', 'VOTE', 'MACHINE', 'OTHER', name='messagekind'), nullable=False),
    sa.Column('kind_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('state', sa.Enum('STORED', 'HANDLED', 'IGNORED', 'QUARANTINED', name='messagestate'), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acked_folder', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inbound_message_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbound_message_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbound_message_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbound_message_sender'), ['sender'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbound_message_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbound_message_state'), ['state'], unique=False)

    op.create_table('outbound_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dedup_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('inbound_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('to_address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('to_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('in_reply_to', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('references', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED', name='outboundstate'), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claim_token', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['inbound_id'], ['inbound_message.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedup_key', name='uq_outbound_dedup_key')
    )
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbound_message_claim_token'), ['claim_token'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_message_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_message_inbound_id'), ['inbound_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_message_message_id'), ['message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_message_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_message_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_message_to_address'), ['to_address'], unique=False)

    op.create_table('work',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('inbound_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('is_link', sa.Boolean(), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('path', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], ),
    sa.ForeignKeyConstraint(['inbound_id'], ['inbound_message.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_application_id'), ['application_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('work', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_application_id'))

    op.drop_table('work')
    with op.batch_alter_table('outbound_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbound_message_to_address'))
        batch_op.drop_index(batch_op.f('ix_outbound_message_state'))
        batch_op.drop_index(batch_op.f('ix_outbound_message_next_attempt_at'))
        batch_op.drop_index(batch_op.f('ix_outbound_message_message_id'))
        batch_op.drop_index(batch_op.f('ix_outbound_message_inbound_id'))
        batch_op.drop_index(batch_op.f('ix_outbound_message_created_at'))
        batch_op.drop_index(batch_op.f('ix_outbound_message_claim_token'))

    op.drop_table('outbound_message')
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbound_message_state'))
        batch_op.drop_index(batch_op.f('ix_inbound_message_sha256'))
        batch_op.drop_index(batch_op.f('ix_inbound_message_sender'))
        batch_op.drop_index(batch_op.f('ix_inbound_message_message_id'))
        batch_op.drop_index(batch_op.f('ix_inbound_message_kind'))
        batch_op.drop_index(batch_op.f('ix_inbound_message_application_id'))

    op.drop_table('inbound_message')
    op.drop_table('folder_cursor')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_status'))
        batch_op.drop_index(batch_op.f('ix_application_phone_key'))
        batch_op.drop_index(batch_op.f('ix_application_person_key'))
        batch_op.drop_index(batch_op.f('ix_application_number'))
        batch_op.drop_index(batch_op.f('ix_application_email'))

    op.drop_table('application')
