"""Cached records as tidy pandas frames: sessions, messages, status history, insights, export."""

from devin_data.frames.activity import (
    MESSAGE_SOURCES,
    build_messages_frame,
    build_status_history_frame,
)
from devin_data.frames.insights import (
    INSIGHT_FRAMES,
    build_action_items_frame,
    build_classification_frame,
    build_insight_frames,
    build_issues_frame,
    build_languages_frame,
    build_timeline_frame,
    build_tools_frame,
)
from devin_data.frames.sessions import SESSION_COLUMNS, build_sessions_frame, frame_from_table

__all__ = [
    "INSIGHT_FRAMES",
    "MESSAGE_SOURCES",
    "SESSION_COLUMNS",
    "build_action_items_frame",
    "build_classification_frame",
    "build_insight_frames",
    "build_issues_frame",
    "build_languages_frame",
    "build_messages_frame",
    "build_sessions_frame",
    "build_status_history_frame",
    "build_timeline_frame",
    "build_tools_frame",
    "frame_from_table",
]
