"""What happens to a case, in one place to import from: its life (lifecycle.py: opening, runs, members,
closing, reopening), answering its steps (answers.py), its trail of events (trail.py) and how long it
is kept (retention.py).

Each function changes the session and flushes; the request commits once. Every change appends a
`CaseEvent`. Refusals raise `OperationError` before anything is written.
"""

from .answers import AnswerConflict, answer_field, current_answers, definition_of, note_field
from .lifecycle import CaseClosed, add_member, close_case, open_case, remove_member, reopen_case, start_run
from .retention import expired_cases, purge
from .trail import log

__all__ = [
    "AnswerConflict",
    "CaseClosed",
    "add_member",
    "answer_field",
    "close_case",
    "current_answers",
    "definition_of",
    "expired_cases",
    "log",
    "note_field",
    "open_case",
    "purge",
    "remove_member",
    "reopen_case",
    "start_run",
]
